<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Kaiwa::Client::ChatLogModel</name>
    <message>
        <source>%1 at %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not sent yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in to the account %1 on this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivery not confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written at %1 and sent when the connection was back; the time shown is when the server received it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mentions you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>message deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(edited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: message deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(in reply to %1) %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(reactions: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Kaiwa::Client::LogSelection</name>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[%1] %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[%1] %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Client::LogTimeFormat</name>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Client::MemberListModel</name>
    <message>
        <source>%1 (you)</source>
        <comment>the user&apos;s own entry in the member list</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Client::Room</name>
    <message>
        <source>Some messages sent while you were away are no longer available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reported an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s history of this room was reset or restored from a backup: the log starts again from what it holds now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected: nothing was changed. Try again once the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server does not support editing, deleting or reactions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That message is not in this room&apos;s history any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That message was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That message has as many reactions as it can take.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reaction is a single emoji.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too much at once: wait a moment and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not allowed: only its author can change a message (an anonymous author only from the connection that sent it), and edits only for as long as this server allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed you from the room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed %2 from the room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 banned you from the room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 banned %2 from the room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 banned you from the room until %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 banned %2 from the room until %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 muted you: you can read but not write here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 muted %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 muted you until %2: you can read but not write here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 muted %2 until %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 lifted the ban of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 lifted your mute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 lifted the mute of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 moderated %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Reason: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are muted in this room until %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are muted in this room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such account or member in this room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room&apos;s last owner cannot be removed: make someone else an owner first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are banned from this room until %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A moderator removed you from this room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are banned from this room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This room is no longer available to you.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Client::RoomConnection</name>
    <message>
        <source>The server did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server stopped answering.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the connection (code %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is shutting down or restarting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server requires signing in.</source>
        <translation>This server requires signing in.</translation>
    </message>
    <message>
        <source>Your sign-in has expired or was ended; sign in again.</source>
        <translation>Your sign-in has expired or was ended; sign in again.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted:
%1</source>
        <translation>The server&apos;s certificate is not trusted:
%1</translation>
    </message>
    <message>
        <source>There is no chat room at this address (the server answered “404 Not Found”). Check the server address: it is the one you open in a browser, such as http://localhost:8000/chat/.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Client::RoomDirectoryModel</name>
    <message>
        <source>never</source>
        <comment>a room&apos;s last activity</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direct messages with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (private: only its members see it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Client::SearchResultsModel</name>
    <message>
        <source>%1 in %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No server to search.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Client::ServerApi</name>
    <message>
        <source>The server&apos;s certificate is not trusted, so nothing was asked:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not be reached: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer was not understood (is this a kaiwa-server?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to this server first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server does not offer that (it may be an older kaiwa-server, or not one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests at once: wait a moment and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the request: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not answer (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Client::SignIn</name>
    <message>
        <source>The server&apos;s certificate is not trusted, so nothing was sent:
%1</source>
        <translation>The server&apos;s certificate is not trusted, so nothing was sent:
%1</translation>
    </message>
    <message>
        <source>Wrong account name or password.</source>
        <translation>Wrong account name or password.</translation>
    </message>
    <message>
        <source>The server could not be reached: %1</source>
        <translation>The server could not be reached: %1</translation>
    </message>
    <message>
        <source>The server refused to sign you in (HTTP %1).</source>
        <translation>The server refused to sign you in (HTTP %1).</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many failed attempts. Try again in %n second.</numerusform>
            <numerusform>Too many failed attempts. Try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::AboutDialog</name>
    <message>
        <source>Kaiwa %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A desktop client for Kaiwa and Django Channels chat rooms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running on Qt %1, built with Qt %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free software under the MIT licence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written by the Kaiwa authors. Built with Qt and QtKeychain; emoji drawn with Google&apos;s Noto Color Emoji; the chat follows the protocol of the Django Channels tutorial.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Kaiwa</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::ChatLogActions</name>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Links in Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Reac&amp;tion…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::ChatLogView</name>
    <message>
        <source>Previous message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A page of messages up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A page of messages down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First message (loading older ones)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the previous message too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the next message too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up and Down move by message, Page Up and Page Down by page, Home and End to the first and last; Ctrl+C copies, Ctrl+Enter opens the links of the message; R replies to it, + adds a reaction, E edits and Delete deletes your own.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::ComposeBar</name>
    <message>
        <source>Replying to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing your message: Enter saves it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the edit (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the reply (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the reply</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::ConnectionIndicator</name>
    <message>
        <source>Disconnected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1 (basic chat server: no history, delivery cannot be confirmed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Not connected: %1 Retrying in %n s.</source>
        <translation>
            <numerusform>Not connected: %1 Retrying in %n second.</numerusform>
            <numerusform>Not connected: %1 Retrying in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>the server cannot be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) waiting to be sent.</source>
        <translation>
            <numerusform>%n message waiting to be sent.</numerusform>
            <numerusform>%n messages waiting to be sent.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try to connect again without waiting (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Not connected: %1</translation>
    </message>
    <message>
        <source>Rejoin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join the room again (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::EmojiPicker</name>
    <message>
        <source>Emoji</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrow keys choose, Enter inserts, Escape closes. Recently used first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::LoginDialog</name>
    <message>
        <source>Signing in…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>%1 requires signing in.</source>
        <translation>%1 requires signing in.</translation>
    </message>
    <message>
        <source>&amp;Account name:</source>
        <translation>&amp;Account name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::MainWindow</name>
    <message>
        <source>Open rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No room is open.
Press %1 to join one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n unread)</source>
        <translation>
            <numerusform>%1 (%n unread)</numerusform>
            <numerusform>%1 (%n unread)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kaiwa: %n unread message(s)</source>
        <translation>
            <numerusform>Kaiwa: %n unread message</numerusform>
            <numerusform>Kaiwa: %n unread messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Kaiwa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available: you stay signed in until Kaiwa quits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No room is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed %1. %2 opens it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No room was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1 again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is connected already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is connecting already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>There is no room %1: %n room(s) open.</source>
        <translation>
            <numerusform>There is no room %1: %n room open.</numerusform>
            <numerusform>There is no room %1: %n rooms open.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is the only open room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 mentioned you in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a room first: the rooms listed are those of its server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1+</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, @%3)</source>
        <comment>tab: room (unread, mentions)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the owners of %1 can change its settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::MemberPanel</name>
    <message numerus="yes">
        <source>%n member(s)</source>
        <comment>header of the member list</comment>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::MessageInput</name>
    <message>
        <source>Send the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move on to the next control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit your last message (in an empty box)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the reply or the edit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::MessageLayout</name>
    <message>
        <source>(unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New messages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::ModerationDialog</name>
    <message>
        <source>Until lifted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <comment>a ban&apos;s or mute&apos;s duration in minutes</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kick %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 from the room? They can come back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kick</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 from the room and keep them out until the ban ends or is lifted?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ban</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let %1 read the room but not write in it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lift the restriction of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::RoomDirectoryDialog</name>
    <message>
        <source>Rooms on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter rooms by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the rooms…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rooms could not be listed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rooms yet: join a new one to start it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No room&apos;s name contains “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::RoomPrompt</name>
    <message>
        <source>Join a Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Room:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. lobby</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server address, e.g. %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address is not valid; it looks like %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address must start with http:// or https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a room name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>A room name can have at most %n character(s).</source>
        <translation>
            <numerusform>A room name can have at most %n character.</numerusform>
            <numerusform>A room name can have at most %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” cannot be used in a room name: use letters, digits and _ only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name will be shown as “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address you would open in a browser, e.g. %1 or a room&apos;s page such as %1/chat/lobby/</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::RoomSettingsDialog</name>
    <message>
        <source>Settings of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Private: only the accounts listed below can find and join the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Grant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;voke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts with a role in the room:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list of roles could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::RoomView</name>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 is typing…</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 and %2 are typing…</translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation>Several people are typing…</translation>
    </message>
    <message>
        <source>Messages in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter sends the message, Shift+Enter starts a new line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 — Enter sends, Shift+Enter starts a new line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message is too long to send; split it into several messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a message first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert &amp;Emoji…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert an emoji (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert emoji</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 — sent once the connection is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this message for everyone in %1? Its text will be gone from the server; this cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>That message is too far back to go to: over %n messages would have to be loaded. Scroll up to load older messages.</source>
        <translation>
            <numerusform>That message is too far back to go to: over %n message would have to be loaded. Scroll up to load older messages.</numerusform>
            <numerusform>That message is too far back to go to: over %n messages would have to be loaded. Scroll up to load older messages.</numerusform>
        </translation>
    </message>
    <message>
        <source>That message is no longer in the room&apos;s history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direct messages with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>room header: what the room is — its topic</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kick…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ban…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M&amp;ute…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 — sent only if you join again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::SearchBar</name>
    <message>
        <source>Search messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search messages in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;All rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search every room of this server, not only the current one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the search (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages found in any room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages found in %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::SearchResultDelegate</name>
    <message>
        <source>%1 %2</source>
        <comment>search result: day, time</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switching Rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In a room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the message box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the chat log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::WindowActions</name>
    <message>
        <source>&amp;Join Room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reconnect Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;open Closed Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to &amp;Message Box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to Chat &amp;Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Kaiwa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to Room %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System</source>
        <comment>theme: follow the system&apos;s colour scheme</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <comment>theme</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <comment>theme</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;All Messages</source>
        <comment>notifications</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only &amp;Mentions of Me</source>
        <comment>notifications</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;None</source>
        <comment>notifications</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse Rooms…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find Messages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room &amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Chat in Kaiwa and Django Channels rooms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a server address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a valid room name: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address, as a browser uses it (default %1). Reopens the rooms you had open there, or asks for a room when there were none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room to open as well.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your display name in the rooms opened now, remembered for the server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
