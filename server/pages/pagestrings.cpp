// SPDX-License-Identifier: MIT
#include "pagestrings.h"

#include <QtGlobal>

#include <array>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

using Use = PageStrings::Use;

// The table lupdate reads: QT_TRANSLATE_NOOP only marks, PageRenderer translates at request time.
// "%1" is filled in by the renderer (templates) or by the scripts (Script strings).
const std::array s_entries{
    PageStrings::Entry{"common.noscript"_L1, QT_TRANSLATE_NOOP("Pages", "This page needs JavaScript."), Use::Html},

    PageStrings::Entry{"index.title"_L1, QT_TRANSLATE_NOOP("Pages", "Chat Rooms"), Use::Html},
    PageStrings::Entry{"index.prompt"_L1, QT_TRANSLATE_NOOP("Pages", "What chat room would you like to enter?"),
                       Use::Html},
    PageStrings::Entry{"index.enter"_L1, QT_TRANSLATE_NOOP("Pages", "Enter"), Use::Html},
    PageStrings::Entry{"index.hint"_L1,
                       QT_TRANSLATE_NOOP("Pages", "Letters and numbers of any script and “_”, up to 100 characters."),
                       Use::Html},
    PageStrings::Entry{"index.empty"_L1, QT_TRANSLATE_NOOP("Pages", "Please enter a room name."), Use::Script},
    PageStrings::Entry{
        "index.invalidCharacter"_L1,
        QT_TRANSLATE_NOOP("Pages", "A room name may only contain letters, numbers and “_”: %1 is not allowed."),
        Use::Script},
    //: fills %1 of the previous message when the refused character is white space
    PageStrings::Entry{"index.space"_L1, QT_TRANSLATE_NOOP("Pages", "a space"), Use::Script},
    PageStrings::Entry{"index.tooLong"_L1,
                       QT_TRANSLATE_NOOP("Pages", "A room name may be at most 100 characters long (this one has %1)."),
                       Use::Script},

    //: the heading of the list of rooms on the index page
    PageStrings::Entry{"directory.title"_L1, QT_TRANSLATE_NOOP("Pages", "Rooms"), Use::Html},
    PageStrings::Entry{"directory.filter"_L1, QT_TRANSLATE_NOOP("Pages", "Filter rooms"), Use::Html},
    PageStrings::Entry{"directory.empty"_L1,
                       QT_TRANSLATE_NOOP("Pages", "No rooms yet. Enter a name above to start one."), Use::Script},
    PageStrings::Entry{"directory.noMatch"_L1, QT_TRANSLATE_NOOP("Pages", "No room matches the filter."), Use::Script},
    PageStrings::Entry{"directory.failed"_L1, QT_TRANSLATE_NOOP("Pages", "The list of rooms could not be loaded."),
                       Use::Script},
    //: %1 is the number of people in the room now
    PageStrings::Entry{"directory.online"_L1, QT_TRANSLATE_NOOP("Pages", "%1 online"), Use::Script},
    //: %1 is the number of messages of the room
    PageStrings::Entry{"directory.messages"_L1, QT_TRANSLATE_NOOP("Pages", "Messages: %1"), Use::Script},
    //: %1 is the number of messages of a room the signed-in account has not read (“999+” for more)
    PageStrings::Entry{"directory.unread"_L1, QT_TRANSLATE_NOOP("Pages", "%1 unread"), Use::Script},
    //: %1 is the number of unread messages that mention the signed-in account
    PageStrings::Entry{"directory.mentions"_L1, QT_TRANSLATE_NOOP("Pages", "Mentions: %1"), Use::Script},
    //: %1 is how long ago, e.g. “5 minutes ago”
    PageStrings::Entry{"directory.lastActivity"_L1, QT_TRANSLATE_NOOP("Pages", "Active %1"), Use::Script},
    //: marks a private room in the list of rooms (only its members see it)
    PageStrings::Entry{"directory.private"_L1, QT_TRANSLATE_NOOP("Pages", "Private"), Use::Script},
    //: tooltip of a direct-message conversation (“@bob”) in the list of rooms
    PageStrings::Entry{"directory.direct"_L1, QT_TRANSLATE_NOOP("Pages", "Direct messages"), Use::Script},

    //: %1 is the name of the chat room
    PageStrings::Entry{"room.title"_L1, QT_TRANSLATE_NOOP("Pages", "Chat Room: %1"), Use::Html},
    PageStrings::Entry{"room.otherRooms"_L1, QT_TRANSLATE_NOOP("Pages", "Other rooms"), Use::Html},
    PageStrings::Entry{"room.log"_L1, QT_TRANSLATE_NOOP("Pages", "Chat log"), Use::Html},
    PageStrings::Entry{"room.message"_L1, QT_TRANSLATE_NOOP("Pages", "Message"), Use::Html},
    PageStrings::Entry{"room.send"_L1, QT_TRANSLATE_NOOP("Pages", "Send"), Use::Html},
    PageStrings::Entry{"room.name"_L1, QT_TRANSLATE_NOOP("Pages", "Your name:"), Use::Html},
    PageStrings::Entry{"room.anonymous"_L1, QT_TRANSLATE_NOOP("Pages", "anonymous"), Use::Script},
    //: the accessible name of the moderator's list of the people in the room
    PageStrings::Entry{"room.members"_L1, QT_TRANSLATE_NOOP("Pages", "People in the room"), Use::Html},
    //: tooltip of the room's name when the room is private
    PageStrings::Entry{"room.private"_L1, QT_TRANSLATE_NOOP("Pages", "Private room: only its members can see it"),
                       Use::Script},
    //: the buttons beside a person in the moderator's member list
    PageStrings::Entry{"moderation.kick"_L1, QT_TRANSLATE_NOOP("Pages", "Kick"), Use::Script},
    PageStrings::Entry{"moderation.ban"_L1, QT_TRANSLATE_NOOP("Pages", "Ban"), Use::Script},
    PageStrings::Entry{"moderation.mute"_L1, QT_TRANSLATE_NOOP("Pages", "Mute"), Use::Script},
    //: %1 is a display name
    PageStrings::Entry{"moderation.kickTitle"_L1, QT_TRANSLATE_NOOP("Pages", "Remove %1 from the room"), Use::Script},
    //: %1 is a display name
    PageStrings::Entry{"moderation.banTitle"_L1, QT_TRANSLATE_NOOP("Pages", "Ban %1 from the room"), Use::Script},
    //: %1 is a display name
    PageStrings::Entry{"moderation.muteTitle"_L1, QT_TRANSLATE_NOOP("Pages", "Mute %1 in the room"), Use::Script},
    PageStrings::Entry{"moderation.reason"_L1, QT_TRANSLATE_NOOP("Pages", "Reason (optional)"), Use::Script},
    PageStrings::Entry{"moderation.minutes"_L1, QT_TRANSLATE_NOOP("Pages", "Minutes (empty: until lifted)"),
                       Use::Script},
    PageStrings::Entry{"moderation.cancel"_L1, QT_TRANSLATE_NOOP("Pages", "Cancel"), Use::Script},
    //: %1 is the person acted on, %2 the moderator
    PageStrings::Entry{"event.kick"_L1, QT_TRANSLATE_NOOP("Pages", "%1 was removed from the room by %2."), Use::Script},
    //: %1 is the person acted on, %2 the moderator
    PageStrings::Entry{"event.ban"_L1, QT_TRANSLATE_NOOP("Pages", "%1 was banned by %2."), Use::Script},
    //: %1 is the person acted on, %2 the moderator
    PageStrings::Entry{"event.unban"_L1, QT_TRANSLATE_NOOP("Pages", "%2 lifted the ban of %1."), Use::Script},
    //: %1 is the person acted on, %2 the moderator
    PageStrings::Entry{"event.mute"_L1, QT_TRANSLATE_NOOP("Pages", "%1 was muted by %2."), Use::Script},
    //: %1 is the person acted on, %2 the moderator
    PageStrings::Entry{"event.unmute"_L1, QT_TRANSLATE_NOOP("Pages", "%2 lifted the mute of %1."), Use::Script},
    //: the notice after a moderator closed this page's connection (close code 4010)
    PageStrings::Entry{"close.kicked"_L1, QT_TRANSLATE_NOOP("Pages", "A moderator removed you from this room."),
                       Use::Script},
    PageStrings::Entry{"close.banned"_L1, QT_TRANSLATE_NOOP("Pages", "You are banned from this room."), Use::Script},
    //: %1 is the date and time the ban ends
    PageStrings::Entry{"close.bannedUntil"_L1, QT_TRANSLATE_NOOP("Pages", "You are banned from this room until %1."),
                       Use::Script},
    PageStrings::Entry{"close.unavailable"_L1, QT_TRANSLATE_NOOP("Pages", "This room is no longer available to you."),
                       Use::Script},
    //: %1 is the moderator's reason
    PageStrings::Entry{"close.reason"_L1, QT_TRANSLATE_NOOP("Pages", "Reason: %1"), Use::Script},
    //: the link after the notice of a kick
    PageStrings::Entry{"close.rejoin"_L1, QT_TRANSLATE_NOOP("Pages", "Rejoin the room"), Use::Script},
    //: the accessible label and tooltip of the badge after the name of a sender signed in to that account
    PageStrings::Entry{"message.verified"_L1, QT_TRANSLATE_NOOP("Pages", "Verified account"), Use::Script},
    //: after the time of a message whose text was changed by its author
    PageStrings::Entry{"message.edited"_L1, QT_TRANSLATE_NOOP("Pages", "(edited)"), Use::Script},
    //: tooltip of "(edited)"; %1 is the date and time of the latest edit
    PageStrings::Entry{"message.editedAt"_L1, QT_TRANSLATE_NOOP("Pages", "Edited %1"), Use::Script},
    //: the text shown instead of a message its author deleted
    PageStrings::Entry{"message.deleted"_L1, QT_TRANSLATE_NOOP("Pages", "message deleted"), Use::Script},
    //: tooltip of the quote above a reply
    PageStrings::Entry{"reply.jump"_L1, QT_TRANSLATE_NOOP("Pages", "Show the message this replies to"), Use::Script},
    //: the quote above a reply whose original was deleted
    PageStrings::Entry{"reply.deleted"_L1, QT_TRANSLATE_NOOP("Pages", "Reply to a deleted message"), Use::Script},
    //: ends the list of names in a reaction's tooltip; %1 is the number of people not named
    PageStrings::Entry{"reaction.more"_L1, QT_TRANSLATE_NOOP("Pages", "and %1 more"), Use::Script},
    //: the accessible name of the toolbar of a message
    PageStrings::Entry{"action.label"_L1, QT_TRANSLATE_NOOP("Pages", "Message actions"), Use::Script},
    PageStrings::Entry{"action.reply"_L1, QT_TRANSLATE_NOOP("Pages", "Reply"), Use::Script},
    //: the button that opens the emoji picker of a message
    PageStrings::Entry{"action.react"_L1, QT_TRANSLATE_NOOP("Pages", "React"), Use::Script},
    PageStrings::Entry{"action.edit"_L1, QT_TRANSLATE_NOOP("Pages", "Edit"), Use::Script},
    PageStrings::Entry{"action.delete"_L1, QT_TRANSLATE_NOOP("Pages", "Delete"), Use::Script},
    PageStrings::Entry{"picker.label"_L1, QT_TRANSLATE_NOOP("Pages", "Pick a reaction"), Use::Script},
    //: above the input while it answers a message; %1 is its sender, %2 the start of its text
    PageStrings::Entry{"compose.replying"_L1, QT_TRANSLATE_NOOP("Pages", "Replying to %1: %2"), Use::Script},
    PageStrings::Entry{"compose.editing"_L1, QT_TRANSLATE_NOOP("Pages", "Editing your message (Esc cancels)"),
                       Use::Script},
    PageStrings::Entry{"compose.cancel"_L1, QT_TRANSLATE_NOOP("Pages", "Cancel"), Use::Html},
    PageStrings::Entry{"confirm.delete"_L1,
                       QT_TRANSLATE_NOOP("Pages", "Delete this message for everyone? This cannot be undone."),
                       Use::Script},
    //: the button that asks the browser for permission to show notifications
    PageStrings::Entry{"notify.enable"_L1, QT_TRANSLATE_NOOP("Pages", "Notify me of mentions"), Use::Html},
    //: title of a browser notification; %1 is the sender, %2 the chat room
    PageStrings::Entry{"notify.mention"_L1, QT_TRANSLATE_NOOP("Pages", "%1 mentioned you in %2"), Use::Script},

    PageStrings::Entry{"status.connecting"_L1, QT_TRANSLATE_NOOP("Pages", "Connecting…"), Use::Script},
    //: %1 is the display name the server confirmed
    PageStrings::Entry{"status.connected"_L1, QT_TRANSLATE_NOOP("Pages", "Connected as %1"), Use::Script},
    //: %1 is a number of seconds
    PageStrings::Entry{"status.reconnecting"_L1, QT_TRANSLATE_NOOP("Pages", "Disconnected — reconnecting in %1 s…"),
                       Use::Script},
    PageStrings::Entry{"status.reconnectingNow"_L1, QT_TRANSLATE_NOOP("Pages", "Disconnected — reconnecting…"),
                       Use::Script},
    PageStrings::Entry{"status.kicked"_L1, QT_TRANSLATE_NOOP("Pages", "Disconnected: removed from the room"),
                       Use::Script},
    PageStrings::Entry{"status.closed"_L1, QT_TRANSLATE_NOOP("Pages", "Disconnected"), Use::Script},
    //: %1 is the number of messages typed while disconnected
    PageStrings::Entry{"status.queued"_L1,
                       QT_TRANSLATE_NOOP("Pages", "Messages waiting to be sent when the connection is back: %1"),
                       Use::Script},
    PageStrings::Entry{"notice.error"_L1, QT_TRANSLATE_NOOP("Pages", "The server reported an error: %1"), Use::Script},
    PageStrings::Entry{"notice.notSent"_L1,
                       QT_TRANSLATE_NOOP("Pages", "Your message was not sent and is back in the input box: %1"),
                       Use::Script},
    PageStrings::Entry{"notice.tooLong"_L1,
                       QT_TRANSLATE_NOOP("Pages", "Your message was too long for the server and was not sent."),
                       Use::Script},
    PageStrings::Entry{"notice.gap"_L1,
                       QT_TRANSLATE_NOOP("Pages", "Some messages sent while you were away are no longer available."),
                       Use::Script},
    //: %1 is the reason (one of the error.* strings)
    PageStrings::Entry{"notice.editNotSaved"_L1, QT_TRANSLATE_NOOP("Pages", "Your edit was not saved: %1"),
                       Use::Script},
    //: a deletion or reaction the server refused; %1 is the reason (one of the error.* strings)
    PageStrings::Entry{"notice.refused"_L1, QT_TRANSLATE_NOOP("Pages", "That was not done: %1"), Use::Script},
    PageStrings::Entry{
        "notice.reset"_L1,
        QT_TRANSLATE_NOOP("Pages", "This room's history on the server was reset: the log shows it anew."), Use::Script},

    //: the line above the first message not read yet
    PageStrings::Entry{"divider.new"_L1, QT_TRANSLATE_NOOP("Pages", "New messages"), Use::Script},
    //: the button that scrolls the log to its newest message
    PageStrings::Entry{"jump.latest"_L1, QT_TRANSLATE_NOOP("Pages", "Jump to latest"), Use::Script},
    //: %1 is the number of messages not read yet
    PageStrings::Entry{"jump.new"_L1, QT_TRANSLATE_NOOP("Pages", "Jump to latest (%1 new)"), Use::Script},
    PageStrings::Entry{"search.label"_L1, QT_TRANSLATE_NOOP("Pages", "Search messages"), Use::Html},
    //: the toggle that searches every room instead of this one
    PageStrings::Entry{"search.allRooms"_L1, QT_TRANSLATE_NOOP("Pages", "All rooms"), Use::Html},
    PageStrings::Entry{"search.submit"_L1, QT_TRANSLATE_NOOP("Pages", "Search"), Use::Html},
    PageStrings::Entry{"search.results"_L1, QT_TRANSLATE_NOOP("Pages", "Search results"), Use::Html},
    //: closes the search results
    PageStrings::Entry{"search.close"_L1, QT_TRANSLATE_NOOP("Pages", "Close"), Use::Html},
    PageStrings::Entry{"search.more"_L1, QT_TRANSLATE_NOOP("Pages", "More results"), Use::Html},
    PageStrings::Entry{"search.searching"_L1, QT_TRANSLATE_NOOP("Pages", "Searching…"), Use::Script},
    PageStrings::Entry{"search.none"_L1, QT_TRANSLATE_NOOP("Pages", "No messages found."), Use::Script},
    //: %1 is the number of search results shown
    PageStrings::Entry{"search.count"_L1, QT_TRANSLATE_NOOP("Pages", "Results shown: %1"), Use::Script},
    PageStrings::Entry{"search.emptyQuery"_L1, QT_TRANSLATE_NOOP("Pages", "Type a word to search for."), Use::Script},
    PageStrings::Entry{"search.tooLong"_L1, QT_TRANSLATE_NOOP("Pages", "A search may be at most 200 characters long."),
                       Use::Script},
    PageStrings::Entry{"search.signIn"_L1, QT_TRANSLATE_NOOP("Pages", "Sign in to search."), Use::Script},
    PageStrings::Entry{"search.failed"_L1, QT_TRANSLATE_NOOP("Pages", "Search is not available right now."),
                       Use::Script},
    PageStrings::Entry{"notice.missing"_L1, QT_TRANSLATE_NOOP("Pages", "That message is not in this room's history."),
                       Use::Script},
    PageStrings::Entry{"notice.tooFar"_L1,
                       QT_TRANSLATE_NOOP("Pages", "That message is too far back to be loaded here."), Use::Script},
    PageStrings::Entry{"notice.unavailable"_L1,
                       QT_TRANSLATE_NOOP("Pages", "That message cannot be loaded while disconnected."), Use::Script},

    // Reasons of the server's refusals, by error code (docs/protocol.md); other codes show the server's detail.
    PageStrings::Entry{
        "error.forbidden"_L1,
        QT_TRANSLATE_NOOP(
            "Pages", "Only its author can change a message (and edits may be allowed only for a while after sending)."),
        Use::Script},
    PageStrings::Entry{"error.unknown_target"_L1,
                       QT_TRANSLATE_NOOP("Pages", "That message does not exist in this room."), Use::Script},
    PageStrings::Entry{"error.deleted_target"_L1, QT_TRANSLATE_NOOP("Pages", "That message was deleted."), Use::Script},
    PageStrings::Entry{"error.invalid_emoji"_L1, QT_TRANSLATE_NOOP("Pages", "A reaction must be a single emoji."),
                       Use::Script},
    PageStrings::Entry{
        "error.too_many_reactions"_L1,
        QT_TRANSLATE_NOOP(
            "Pages",
            "This message cannot take more reactions (20 different emoji at most, 10 of them from one person)."),
        Use::Script},
    PageStrings::Entry{"error.rate_limited"_L1,
                       QT_TRANSLATE_NOOP("Pages", "Too much at once: please wait a moment and try again."),
                       Use::Script},
    PageStrings::Entry{"error.store_failed"_L1,
                       QT_TRANSLATE_NOOP("Pages", "The server could not save it. Please try again later."),
                       Use::Script},
    PageStrings::Entry{"error.muted"_L1, QT_TRANSLATE_NOOP("Pages", "You are muted in this room."), Use::Script},
    //: %1 is the date and time the mute ends
    PageStrings::Entry{"error.mutedUntil"_L1, QT_TRANSLATE_NOOP("Pages", "You are muted in this room until %1."),
                       Use::Script},
    PageStrings::Entry{"error.unknown_user"_L1, QT_TRANSLATE_NOOP("Pages", "There is no such person in this room."),
                       Use::Script},
    //: a kick, ban or mute the server refused with “forbidden”
    PageStrings::Entry{"error.forbiddenModeration"_L1,
                       QT_TRANSLATE_NOOP("Pages", "You may not do that to this person (owners, or other moderators)."),
                       Use::Script},

    //: %1 is the number of people in the room, %2 their names
    PageStrings::Entry{"presence.online"_L1, QT_TRANSLATE_NOOP("Pages", "%1 online: %2"), Use::Script},
    //: between two names in the list of people in the room
    PageStrings::Entry{"presence.separator"_L1, QT_TRANSLATE_NOOP("Pages", ", "), Use::Script},
    //: %1 is a display name
    PageStrings::Entry{"typing.one"_L1, QT_TRANSLATE_NOOP("Pages", "%1 is typing…"), Use::Script},
    //: %1 and %2 are display names
    PageStrings::Entry{"typing.two"_L1, QT_TRANSLATE_NOOP("Pages", "%1 and %2 are typing…"), Use::Script},
    PageStrings::Entry{"typing.many"_L1, QT_TRANSLATE_NOOP("Pages", "Several people are typing…"), Use::Script},

    PageStrings::Entry{"login.title"_L1, QT_TRANSLATE_NOOP("Pages", "Sign in"), Use::Html},
    PageStrings::Entry{"login.name"_L1, QT_TRANSLATE_NOOP("Pages", "Account name"), Use::Html},
    PageStrings::Entry{"login.password"_L1, QT_TRANSLATE_NOOP("Pages", "Password"), Use::Html},
    PageStrings::Entry{"login.submit"_L1, QT_TRANSLATE_NOOP("Pages", "Sign in"), Use::Html},
    PageStrings::Entry{"login.logout"_L1, QT_TRANSLATE_NOOP("Pages", "Sign out"), Use::Html},
    //: %1 is the account name
    PageStrings::Entry{"login.signedIn"_L1, QT_TRANSLATE_NOOP("Pages", "Signed in as %1."), Use::Html},
    PageStrings::Entry{"login.failed"_L1, QT_TRANSLATE_NOOP("Pages", "Wrong account name or password."), Use::Html},
    PageStrings::Entry{
        "login.throttled"_L1,
        QT_TRANSLATE_NOOP("Pages", "Too many failed attempts from your address. Please wait a minute and try again."),
        Use::Html},
    PageStrings::Entry{"login.unavailable"_L1,
                       QT_TRANSLATE_NOOP("Pages", "Signing in is not possible right now. Please try again later."),
                       Use::Html},

    PageStrings::Entry{"notFound.title"_L1, QT_TRANSLATE_NOOP("Pages", "Page not found"), Use::Html},
    PageStrings::Entry{"notFound.text"_L1, QT_TRANSLATE_NOOP("Pages", "There is no page at this address."), Use::Html},
    PageStrings::Entry{"notFound.back"_L1, QT_TRANSLATE_NOOP("Pages", "Go to the chat rooms"), Use::Html},

    //: the title of the page of a room a moderator banned the reader from
    PageStrings::Entry{"banned.title"_L1, QT_TRANSLATE_NOOP("Pages", "Banned from this room"), Use::Html},
    //: %1 is the name of the chat room
    PageStrings::Entry{"banned.text"_L1, QT_TRANSLATE_NOOP("Pages", "A moderator banned you from the room %1."),
                       Use::Html},
    //: %1 is the date and time (UTC) the ban ends, e.g. 2026-12-07 13:45
    PageStrings::Entry{"banned.until"_L1, QT_TRANSLATE_NOOP("Pages", "The ban ends at %1 UTC."), Use::Html},
    PageStrings::Entry{"banned.permanent"_L1, QT_TRANSLATE_NOOP("Pages", "The ban lasts until a moderator lifts it."),
                       Use::Html},
};

} // namespace

std::span<const PageStrings::Entry> PageStrings::entries()
{
    return s_entries;
}

const char *PageStrings::source(QStringView id)
{
    for (const Entry &entry : s_entries) {
        if (id == entry.id)
            return entry.source;
    }
    return nullptr;
}

} // namespace Kaiwa::Server
