<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Pages</name>
    <message>
        <source>This page needs JavaScript.</source>
        <translation>This page needs JavaScript.</translation>
    </message>
    <message>
        <source>Chat Rooms</source>
        <translation>Chat Rooms</translation>
    </message>
    <message>
        <source>What chat room would you like to enter?</source>
        <translation>What chat room would you like to enter?</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Letters and numbers of any script and “_”, up to 100 characters.</source>
        <translation>Letters and numbers of any script and “_”, up to 100 characters.</translation>
    </message>
    <message>
        <source>Please enter a room name.</source>
        <translation>Please enter a room name.</translation>
    </message>
    <message>
        <source>A room name may only contain letters, numbers and “_”: %1 is not allowed.</source>
        <translation>A room name may only contain letters, numbers and “_”: %1 is not allowed.</translation>
    </message>
    <message>
        <source>A room name may be at most 100 characters long (this one has %1).</source>
        <translation>A room name may be at most 100 characters long (this one has %1).</translation>
    </message>
    <message>
        <source>Chat Room: %1</source>
        <extracomment>%1 is the name of the chat room</extracomment>
        <translation>Chat Room: %1</translation>
    </message>
    <message>
        <source>Other rooms</source>
        <translation>Other rooms</translation>
    </message>
    <message>
        <source>Chat log</source>
        <translation>Chat log</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>Your name:</translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation>anonymous</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Connected as %1</source>
        <extracomment>%1 is the display name the server confirmed</extracomment>
        <translation>Connected as %1</translation>
    </message>
    <message>
        <source>Disconnected — reconnecting in %1 s…</source>
        <extracomment>%1 is a number of seconds</extracomment>
        <translation>Disconnected — reconnecting in %1 s…</translation>
    </message>
    <message>
        <source>Disconnected — reconnecting…</source>
        <translation>Disconnected — reconnecting…</translation>
    </message>
    <message>
        <source>Messages waiting to be sent when the connection is back: %1</source>
        <extracomment>%1 is the number of messages typed while disconnected</extracomment>
        <translation>Messages waiting to be sent when the connection is back: %1</translation>
    </message>
    <message>
        <source>The server reported an error: %1</source>
        <translation>The server reported an error: %1</translation>
    </message>
    <message>
        <source>Your message was not sent and is back in the input box: %1</source>
        <translation>Your message was not sent and is back in the input box: %1</translation>
    </message>
    <message>
        <source>Your message was too long for the server and was not sent.</source>
        <translation>Your message was too long for the server and was not sent.</translation>
    </message>
    <message>
        <source>Some messages sent while you were away are no longer available.</source>
        <translation>Some messages sent while you were away are no longer available.</translation>
    </message>
    <message>
        <source>%1 online: %2</source>
        <extracomment>%1 is the number of people in the room, %2 their names</extracomment>
        <translation>%1 online: %2</translation>
    </message>
    <message>
        <source>, </source>
        <extracomment>between two names in the list of people in the room</extracomment>
        <translation>, </translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <extracomment>%1 is a display name</extracomment>
        <translation>%1 is typing…</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <extracomment>%1 and %2 are display names</extracomment>
        <translation>%1 and %2 are typing…</translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation>Several people are typing…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Account name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Signed in as %1.</source>
        <extracomment>%1 is the account name</extracomment>
        <translation>Signed in as %1.</translation>
    </message>
    <message>
        <source>Wrong account name or password.</source>
        <translation>Wrong account name or password.</translation>
    </message>
    <message>
        <source>Too many failed attempts from your address. Please wait a minute and try again.</source>
        <translation>Too many failed attempts from your address. Please wait a minute and try again.</translation>
    </message>
    <message>
        <source>Signing in is not possible right now. Please try again later.</source>
        <translation>Signing in is not possible right now. Please try again later.</translation>
    </message>
    <message>
        <source>Page not found</source>
        <translation>Page not found</translation>
    </message>
    <message>
        <source>There is no page at this address.</source>
        <translation>There is no page at this address.</translation>
    </message>
    <message>
        <source>Go to the chat rooms</source>
        <translation>Go to the chat rooms</translation>
    </message>
    <message>
        <source>Banned from this room</source>
        <extracomment>the title of the page of a room a moderator banned the reader from</extracomment>
        <translation>Banned from this room</translation>
    </message>
    <message>
        <source>A moderator banned you from the room %1.</source>
        <extracomment>%1 is the name of the chat room</extracomment>
        <translation>A moderator banned you from the room %1.</translation>
    </message>
    <message>
        <source>The ban ends at %1 UTC.</source>
        <extracomment>%1 is the date and time (UTC) the ban ends, e.g. 2026-12-07 13:45</extracomment>
        <translation>The ban ends at %1 UTC.</translation>
    </message>
    <message>
        <source>The ban lasts until a moderator lifts it.</source>
        <translation>The ban lasts until a moderator lifts it.</translation>
    </message>
    <message>
        <source>a space</source>
        <extracomment>fills %1 of the previous message when the refused character is white space</extracomment>
        <translation>a space</translation>
    </message>
    <message>
        <source>Verified account</source>
        <extracomment>the accessible label and tooltip of the badge after the name of a sender signed in to that account</extracomment>
        <translation>Verified account</translation>
    </message>
    <message>
        <source>(edited)</source>
        <extracomment>after the time of a message whose text was changed by its author</extracomment>
        <translation>(edited)</translation>
    </message>
    <message>
        <source>Edited %1</source>
        <extracomment>tooltip of &quot;(edited)&quot;; %1 is the date and time of the latest edit</extracomment>
        <translation>Edited %1</translation>
    </message>
    <message>
        <source>message deleted</source>
        <extracomment>the text shown instead of a message its author deleted</extracomment>
        <translation>message deleted</translation>
    </message>
    <message>
        <source>Show the message this replies to</source>
        <extracomment>tooltip of the quote above a reply</extracomment>
        <translation>Show the message this replies to</translation>
    </message>
    <message>
        <source>Reply to a deleted message</source>
        <extracomment>the quote above a reply whose original was deleted</extracomment>
        <translation>Reply to a deleted message</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <extracomment>ends the list of names in a reaction&apos;s tooltip; %1 is the number of people not named</extracomment>
        <translation>and %1 more</translation>
    </message>
    <message>
        <source>Message actions</source>
        <extracomment>the accessible name of the toolbar of a message</extracomment>
        <translation>Message actions</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>React</source>
        <extracomment>the button that opens the emoji picker of a message</extracomment>
        <translation>React</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Pick a reaction</source>
        <translation>Pick a reaction</translation>
    </message>
    <message>
        <source>Replying to %1: %2</source>
        <extracomment>above the input while it answers a message; %1 is its sender, %2 the start of its text</extracomment>
        <translation>Replying to %1: %2</translation>
    </message>
    <message>
        <source>Editing your message (Esc cancels)</source>
        <translation>Editing your message (Esc cancels)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Delete this message for everyone? This cannot be undone.</source>
        <translation>Delete this message for everyone? This cannot be undone.</translation>
    </message>
    <message>
        <source>Notify me of mentions</source>
        <extracomment>the button that asks the browser for permission to show notifications</extracomment>
        <translation>Notify me of mentions</translation>
    </message>
    <message>
        <source>%1 mentioned you in %2</source>
        <extracomment>title of a browser notification; %1 is the sender, %2 the chat room</extracomment>
        <translation>%1 mentioned you in %2</translation>
    </message>
    <message>
        <source>Your edit was not saved: %1</source>
        <extracomment>%1 is the reason (one of the error.* strings)</extracomment>
        <translation>Your edit was not saved: %1</translation>
    </message>
    <message>
        <source>That was not done: %1</source>
        <extracomment>a deletion or reaction the server refused; %1 is the reason (one of the error.* strings)</extracomment>
        <translation>That was not done: %1</translation>
    </message>
    <message>
        <source>This room&apos;s history on the server was reset: the log shows it anew.</source>
        <translation>This room&apos;s history on the server was reset: the log shows it anew.</translation>
    </message>
    <message>
        <source>Only its author can change a message (and edits may be allowed only for a while after sending).</source>
        <translation>Only its author can change a message (and edits may be allowed only for a while after sending).</translation>
    </message>
    <message>
        <source>That message does not exist in this room.</source>
        <translation>That message does not exist in this room.</translation>
    </message>
    <message>
        <source>That message was deleted.</source>
        <translation>That message was deleted.</translation>
    </message>
    <message>
        <source>A reaction must be a single emoji.</source>
        <translation>A reaction must be a single emoji.</translation>
    </message>
    <message>
        <source>This message cannot take more reactions (20 different emoji at most, 10 of them from one person).</source>
        <translation>This message cannot take more reactions (20 different emoji at most, 10 of them from one person).</translation>
    </message>
    <message>
        <source>Too much at once: please wait a moment and try again.</source>
        <translation>Too much at once: please wait a moment and try again.</translation>
    </message>
    <message>
        <source>The server could not save it. Please try again later.</source>
        <translation>The server could not save it. Please try again later.</translation>
    </message>
    <message>
        <source>Rooms</source>
        <extracomment>the heading of the list of rooms on the index page</extracomment>
        <translation>Rooms</translation>
    </message>
    <message>
        <source>Filter rooms</source>
        <translation>Filter rooms</translation>
    </message>
    <message>
        <source>No rooms yet. Enter a name above to start one.</source>
        <translation>No rooms yet. Enter a name above to start one.</translation>
    </message>
    <message>
        <source>No room matches the filter.</source>
        <translation>No room matches the filter.</translation>
    </message>
    <message>
        <source>The list of rooms could not be loaded.</source>
        <translation>The list of rooms could not be loaded.</translation>
    </message>
    <message>
        <source>%1 online</source>
        <extracomment>%1 is the number of people in the room now</extracomment>
        <translation>%1 online</translation>
    </message>
    <message>
        <source>Messages: %1</source>
        <extracomment>%1 is the number of messages of the room</extracomment>
        <translation>Messages: %1</translation>
    </message>
    <message>
        <source>Active %1</source>
        <extracomment>%1 is how long ago, e.g. “5 minutes ago”</extracomment>
        <translation>Active %1</translation>
    </message>
    <message>
        <source>New messages</source>
        <extracomment>the line above the first message not read yet</extracomment>
        <translation>New messages</translation>
    </message>
    <message>
        <source>Jump to latest</source>
        <extracomment>the button that scrolls the log to its newest message</extracomment>
        <translation>Jump to latest</translation>
    </message>
    <message>
        <source>Jump to latest (%1 new)</source>
        <extracomment>%1 is the number of messages not read yet</extracomment>
        <translation>Jump to latest (%1 new)</translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation>Search messages</translation>
    </message>
    <message>
        <source>All rooms</source>
        <extracomment>the toggle that searches every room instead of this one</extracomment>
        <translation>All rooms</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>Close</source>
        <extracomment>closes the search results</extracomment>
        <translation>Close</translation>
    </message>
    <message>
        <source>More results</source>
        <translation>More results</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>No messages found.</source>
        <translation>No messages found.</translation>
    </message>
    <message>
        <source>Results shown: %1</source>
        <extracomment>%1 is the number of search results shown</extracomment>
        <translation>Results shown: %1</translation>
    </message>
    <message>
        <source>Type a word to search for.</source>
        <translation>Type a word to search for.</translation>
    </message>
    <message>
        <source>A search may be at most 200 characters long.</source>
        <translation>A search may be at most 200 characters long.</translation>
    </message>
    <message>
        <source>Sign in to search.</source>
        <translation>Sign in to search.</translation>
    </message>
    <message>
        <source>Search is not available right now.</source>
        <translation>Search is not available right now.</translation>
    </message>
    <message>
        <source>That message is not in this room&apos;s history.</source>
        <translation>That message is not in this room&apos;s history.</translation>
    </message>
    <message>
        <source>That message is too far back to be loaded here.</source>
        <translation>That message is too far back to be loaded here.</translation>
    </message>
    <message>
        <source>That message cannot be loaded while disconnected.</source>
        <translation>That message cannot be loaded while disconnected.</translation>
    </message>
    <message>
        <source>%1 unread</source>
        <extracomment>%1 is the number of messages of a room the signed-in account has not read (“999+” for more)</extracomment>
        <translation>%1 unread</translation>
    </message>
    <message>
        <source>Mentions: %1</source>
        <extracomment>%1 is the number of unread messages that mention the signed-in account</extracomment>
        <translation>Mentions: %1</translation>
    </message>
    <message>
        <source>Private</source>
        <extracomment>marks a private room in the list of rooms (only its members see it)</extracomment>
        <translation>Private</translation>
    </message>
    <message>
        <source>Direct messages</source>
        <extracomment>tooltip of a direct-message conversation (“@bob”) in the list of rooms</extracomment>
        <translation>Direct messages</translation>
    </message>
    <message>
        <source>People in the room</source>
        <extracomment>the accessible name of the moderator&apos;s list of the people in the room</extracomment>
        <translation>People in the room</translation>
    </message>
    <message>
        <source>Private room: only its members can see it</source>
        <extracomment>tooltip of the room&apos;s name when the room is private</extracomment>
        <translation>Private room: only its members can see it</translation>
    </message>
    <message>
        <source>Kick</source>
        <extracomment>the buttons beside a person in the moderator&apos;s member list</extracomment>
        <translation>Kick</translation>
    </message>
    <message>
        <source>Ban</source>
        <translation>Ban</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Mute</translation>
    </message>
    <message>
        <source>Remove %1 from the room</source>
        <extracomment>%1 is a display name</extracomment>
        <translation>Remove %1 from the room</translation>
    </message>
    <message>
        <source>Ban %1 from the room</source>
        <extracomment>%1 is a display name</extracomment>
        <translation>Ban %1 from the room</translation>
    </message>
    <message>
        <source>Mute %1 in the room</source>
        <extracomment>%1 is a display name</extracomment>
        <translation>Mute %1 in the room</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>Reason (optional)</translation>
    </message>
    <message>
        <source>Minutes (empty: until lifted)</source>
        <translation>Minutes (empty: until lifted)</translation>
    </message>
    <message>
        <source>%1 was removed from the room by %2.</source>
        <extracomment>%1 is the person acted on, %2 the moderator</extracomment>
        <translation>%1 was removed from the room by %2.</translation>
    </message>
    <message>
        <source>%1 was banned by %2.</source>
        <extracomment>%1 is the person acted on, %2 the moderator</extracomment>
        <translation>%1 was banned by %2.</translation>
    </message>
    <message>
        <source>%2 lifted the ban of %1.</source>
        <extracomment>%1 is the person acted on, %2 the moderator</extracomment>
        <translation>%2 lifted the ban of %1.</translation>
    </message>
    <message>
        <source>%1 was muted by %2.</source>
        <extracomment>%1 is the person acted on, %2 the moderator</extracomment>
        <translation>%1 was muted by %2.</translation>
    </message>
    <message>
        <source>%2 lifted the mute of %1.</source>
        <extracomment>%1 is the person acted on, %2 the moderator</extracomment>
        <translation>%2 lifted the mute of %1.</translation>
    </message>
    <message>
        <source>A moderator removed you from this room.</source>
        <extracomment>the notice after a moderator closed this page&apos;s connection (close code 4010)</extracomment>
        <translation>A moderator removed you from this room.</translation>
    </message>
    <message>
        <source>You are banned from this room.</source>
        <translation>You are banned from this room.</translation>
    </message>
    <message>
        <source>You are banned from this room until %1.</source>
        <extracomment>%1 is the date and time the ban ends</extracomment>
        <translation>You are banned from this room until %1.</translation>
    </message>
    <message>
        <source>This room is no longer available to you.</source>
        <translation>This room is no longer available to you.</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <extracomment>%1 is the moderator&apos;s reason</extracomment>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <source>Rejoin the room</source>
        <extracomment>the link after the notice of a kick</extracomment>
        <translation>Rejoin the room</translation>
    </message>
    <message>
        <source>Disconnected: removed from the room</source>
        <translation>Disconnected: removed from the room</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Disconnected</translation>
    </message>
    <message>
        <source>You are muted in this room.</source>
        <translation>You are muted in this room.</translation>
    </message>
    <message>
        <source>You are muted in this room until %1.</source>
        <extracomment>%1 is the date and time the mute ends</extracomment>
        <translation>You are muted in this room until %1.</translation>
    </message>
    <message>
        <source>There is no such person in this room.</source>
        <translation>There is no such person in this room.</translation>
    </message>
    <message>
        <source>You may not do that to this person (owners, or other moderators).</source>
        <extracomment>a kick, ban or mute the server refused with “forbidden”</extracomment>
        <translation>You may not do that to this person (owners, or other moderators).</translation>
    </message>
</context>
</TS>
