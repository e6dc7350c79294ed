<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>Pages</name>
    <message>
        <source>This page needs JavaScript.</source>
        <translation>このページを使うには JavaScript を有効にしてください。</translation>
    </message>
    <message>
        <source>Chat Rooms</source>
        <translation>チャットルーム</translation>
    </message>
    <message>
        <source>What chat room would you like to enter?</source>
        <translation>どのチャットルームに入りますか？</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>入室</translation>
    </message>
    <message>
        <source>Letters and numbers of any script and “_”, up to 100 characters.</source>
        <translation>使える文字は、各言語の文字・数字と「_」です（100 文字まで）。</translation>
    </message>
    <message>
        <source>Please enter a room name.</source>
        <translation>ルーム名を入力してください。</translation>
    </message>
    <message>
        <source>A room name may only contain letters, numbers and “_”: %1 is not allowed.</source>
        <translation>ルーム名に使えるのは文字・数字と「_」だけです。%1 は使えません。</translation>
    </message>
    <message>
        <source>A room name may be at most 100 characters long (this one has %1).</source>
        <translation>ルーム名は 100 文字までです（現在 %1 文字）。</translation>
    </message>
    <message>
        <source>Chat Room: %1</source>
        <extracomment>%1 is the name of the chat room</extracomment>
        <translation>チャットルーム: %1</translation>
    </message>
    <message>
        <source>Other rooms</source>
        <translation>ほかのルーム</translation>
    </message>
    <message>
        <source>Chat log</source>
        <translation>チャットログ</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>表示名:</translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>接続しています…</translation>
    </message>
    <message>
        <source>Connected as %1</source>
        <extracomment>%1 is the display name the server confirmed</extracomment>
        <translation>%1 として接続中</translation>
    </message>
    <message>
        <source>Disconnected — reconnecting in %1 s…</source>
        <extracomment>%1 is a number of seconds</extracomment>
        <translation>切断されました — %1 秒後に再接続します…</translation>
    </message>
    <message>
        <source>Disconnected — reconnecting…</source>
        <translation>切断されました — 再接続しています…</translation>
    </message>
    <message>
        <source>Messages waiting to be sent when the connection is back: %1</source>
        <extracomment>%1 is the number of messages typed while disconnected</extracomment>
        <translation>接続の回復後に送信されるメッセージ: %1 件</translation>
    </message>
    <message>
        <source>The server reported an error: %1</source>
        <translation>サーバーがエラーを返しました: %1</translation>
    </message>
    <message>
        <source>Your message was not sent and is back in the input box: %1</source>
        <translation>メッセージは送信されず、入力欄に戻されました: %1</translation>
    </message>
    <message>
        <source>Your message was too long for the server and was not sent.</source>
        <translation>メッセージが長すぎるため送信されませんでした。</translation>
    </message>
    <message>
        <source>Some messages sent while you were away are no longer available.</source>
        <translation>離れている間のメッセージの一部は、もう表示できません。</translation>
    </message>
    <message>
        <source>%1 online: %2</source>
        <extracomment>%1 is the number of people in the room, %2 their names</extracomment>
        <translation>%1 人が参加中: %2</translation>
    </message>
    <message>
        <source>, </source>
        <extracomment>between two names in the list of people in the room</extracomment>
        <translation>、</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <extracomment>%1 is a display name</extracomment>
        <translation>%1 さんが入力中…</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <extracomment>%1 and %2 are display names</extracomment>
        <translation>%1 さんと %2 さんが入力中…</translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation>複数の人が入力中…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>ログイン</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>アカウント名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>ログアウト</translation>
    </message>
    <message>
        <source>Signed in as %1.</source>
        <extracomment>%1 is the account name</extracomment>
        <translation>%1 としてログインしています。</translation>
    </message>
    <message>
        <source>Wrong account name or password.</source>
        <translation>アカウント名またはパスワードが違います。</translation>
    </message>
    <message>
        <source>Too many failed attempts from your address. Please wait a minute and try again.</source>
        <translation>このアドレスからのログイン失敗が多すぎます。1 分ほど待ってからもう一度お試しください。</translation>
    </message>
    <message>
        <source>Signing in is not possible right now. Please try again later.</source>
        <translation>現在ログインできません。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>Page not found</source>
        <translation>ページが見つかりません</translation>
    </message>
    <message>
        <source>There is no page at this address.</source>
        <translation>このアドレスにはページがありません。</translation>
    </message>
    <message>
        <source>Go to the chat rooms</source>
        <translation>チャットルームの一覧へ</translation>
    </message>
    <message>
        <source>Banned from this room</source>
        <extracomment>the title of the page of a room a moderator banned the reader from</extracomment>
        <translation>このルームへの参加は禁止されています</translation>
    </message>
    <message>
        <source>A moderator banned you from the room %1.</source>
        <extracomment>%1 is the name of the chat room</extracomment>
        <translation>モデレーターがあなたをルーム %1 から追放しました。</translation>
    </message>
    <message>
        <source>The ban ends at %1 UTC.</source>
        <extracomment>%1 is the date and time (UTC) the ban ends, e.g. 2026-12-07 13:45</extracomment>
        <translation>追放は %1 (UTC) に解除されます。</translation>
    </message>
    <message>
        <source>The ban lasts until a moderator lifts it.</source>
        <translation>追放はモデレーターが解除するまで続きます。</translation>
    </message>
    <message>
        <source>a space</source>
        <extracomment>fills %1 of the previous message when the refused character is white space</extracomment>
        <translation>空白</translation>
    </message>
    <message>
        <source>Verified account</source>
        <extracomment>the accessible label and tooltip of the badge after the name of a sender signed in to that account</extracomment>
        <translation>認証済みアカウント</translation>
    </message>
    <message>
        <source>(edited)</source>
        <extracomment>after the time of a message whose text was changed by its author</extracomment>
        <translation>（編集済み）</translation>
    </message>
    <message>
        <source>Edited %1</source>
        <extracomment>tooltip of &quot;(edited)&quot;; %1 is the date and time of the latest edit</extracomment>
        <translation>%1 に編集</translation>
    </message>
    <message>
        <source>message deleted</source>
        <extracomment>the text shown instead of a message its author deleted</extracomment>
        <translation>メッセージは削除されました</translation>
    </message>
    <message>
        <source>Show the message this replies to</source>
        <extracomment>tooltip of the quote above a reply</extracomment>
        <translation>返信先のメッセージを表示</translation>
    </message>
    <message>
        <source>Reply to a deleted message</source>
        <extracomment>the quote above a reply whose original was deleted</extracomment>
        <translation>削除されたメッセージへの返信</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <extracomment>ends the list of names in a reaction&apos;s tooltip; %1 is the number of people not named</extracomment>
        <translation>ほか %1 人</translation>
    </message>
    <message>
        <source>Message actions</source>
        <extracomment>the accessible name of the toolbar of a message</extracomment>
        <translation>メッセージの操作</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>返信</translation>
    </message>
    <message>
        <source>React</source>
        <extracomment>the button that opens the emoji picker of a message</extracomment>
        <translation>リアクション</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Pick a reaction</source>
        <translation>リアクションを選択</translation>
    </message>
    <message>
        <source>Replying to %1: %2</source>
        <extracomment>above the input while it answers a message; %1 is its sender, %2 the start of its text</extracomment>
        <translation>%1 への返信: %2</translation>
    </message>
    <message>
        <source>Editing your message (Esc cancels)</source>
        <translation>メッセージを編集中（Esc で取り消し）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Delete this message for everyone? This cannot be undone.</source>
        <translation>このメッセージを全員の画面から削除しますか？ 元に戻すことはできません。</translation>
    </message>
    <message>
        <source>Notify me of mentions</source>
        <extracomment>the button that asks the browser for permission to show notifications</extracomment>
        <translation>メンションを通知する</translation>
    </message>
    <message>
        <source>%1 mentioned you in %2</source>
        <extracomment>title of a browser notification; %1 is the sender, %2 the chat room</extracomment>
        <translation>%1 さんが %2 であなたにメンションしました</translation>
    </message>
    <message>
        <source>Your edit was not saved: %1</source>
        <extracomment>%1 is the reason (one of the error.* strings)</extracomment>
        <translation>編集は保存されませんでした: %1</translation>
    </message>
    <message>
        <source>That was not done: %1</source>
        <extracomment>a deletion or reaction the server refused; %1 is the reason (one of the error.* strings)</extracomment>
        <translation>実行できませんでした: %1</translation>
    </message>
    <message>
        <source>This room&apos;s history on the server was reset: the log shows it anew.</source>
        <translation>サーバー上のこのルームの履歴がリセットされたため、ログを表示し直しました。</translation>
    </message>
    <message>
        <source>Only its author can change a message (and edits may be allowed only for a while after sending).</source>
        <translation>メッセージを変更できるのは送信者だけです（編集は送信後の一定時間に限られることがあります）。</translation>
    </message>
    <message>
        <source>That message does not exist in this room.</source>
        <translation>そのメッセージはこのルームにありません。</translation>
    </message>
    <message>
        <source>That message was deleted.</source>
        <translation>そのメッセージは削除されています。</translation>
    </message>
    <message>
        <source>A reaction must be a single emoji.</source>
        <translation>リアクションには絵文字を 1 つだけ使えます。</translation>
    </message>
    <message>
        <source>This message cannot take more reactions (20 different emoji at most, 10 of them from one person).</source>
        <translation>このメッセージにはこれ以上リアクションを付けられません（絵文字は 20 種類まで、1 人 10 種類まで）。</translation>
    </message>
    <message>
        <source>Too much at once: please wait a moment and try again.</source>
        <translation>送信が多すぎます。少し待ってからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The server could not save it. Please try again later.</source>
        <translation>サーバーが保存できませんでした。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>Rooms</source>
        <extracomment>the heading of the list of rooms on the index page</extracomment>
        <translation>ルーム一覧</translation>
    </message>
    <message>
        <source>Filter rooms</source>
        <translation>ルームを絞り込む</translation>
    </message>
    <message>
        <source>No rooms yet. Enter a name above to start one.</source>
        <translation>まだルームがありません。上に名前を入力すると新しいルームを始められます。</translation>
    </message>
    <message>
        <source>No room matches the filter.</source>
        <translation>絞り込みに合うルームはありません。</translation>
    </message>
    <message>
        <source>The list of rooms could not be loaded.</source>
        <translation>ルーム一覧を読み込めませんでした。</translation>
    </message>
    <message>
        <source>%1 online</source>
        <extracomment>%1 is the number of people in the room now</extracomment>
        <translation>%1 人が参加中</translation>
    </message>
    <message>
        <source>Messages: %1</source>
        <extracomment>%1 is the number of messages of the room</extracomment>
        <translation>メッセージ %1 件</translation>
    </message>
    <message>
        <source>Active %1</source>
        <extracomment>%1 is how long ago, e.g. “5 minutes ago”</extracomment>
        <translation>最終発言 %1</translation>
    </message>
    <message>
        <source>New messages</source>
        <extracomment>the line above the first message not read yet</extracomment>
        <translation>新着メッセージ</translation>
    </message>
    <message>
        <source>Jump to latest</source>
        <extracomment>the button that scrolls the log to its newest message</extracomment>
        <translation>最新へ移動</translation>
    </message>
    <message>
        <source>Jump to latest (%1 new)</source>
        <extracomment>%1 is the number of messages not read yet</extracomment>
        <translation>最新へ移動（新着 %1 件）</translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation>メッセージを検索</translation>
    </message>
    <message>
        <source>All rooms</source>
        <extracomment>the toggle that searches every room instead of this one</extracomment>
        <translation>すべてのルーム</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>検索結果</translation>
    </message>
    <message>
        <source>Close</source>
        <extracomment>closes the search results</extracomment>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>More results</source>
        <translation>さらに表示</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>検索中…</translation>
    </message>
    <message>
        <source>No messages found.</source>
        <translation>見つかりませんでした。</translation>
    </message>
    <message>
        <source>Results shown: %1</source>
        <extracomment>%1 is the number of search results shown</extracomment>
        <translation>表示中の結果: %1 件</translation>
    </message>
    <message>
        <source>Type a word to search for.</source>
        <translation>検索する語を入力してください。</translation>
    </message>
    <message>
        <source>A search may be at most 200 characters long.</source>
        <translation>検索語は 200 文字までです。</translation>
    </message>
    <message>
        <source>Sign in to search.</source>
        <translation>検索するにはサインインしてください。</translation>
    </message>
    <message>
        <source>Search is not available right now.</source>
        <translation>いまは検索できません。</translation>
    </message>
    <message>
        <source>That message is not in this room&apos;s history.</source>
        <translation>そのメッセージはこのルームの履歴にありません。</translation>
    </message>
    <message>
        <source>That message is too far back to be loaded here.</source>
        <translation>そのメッセージは古すぎて、ここには読み込めません。</translation>
    </message>
    <message>
        <source>That message cannot be loaded while disconnected.</source>
        <translation>接続が切れているため、そのメッセージを読み込めません。</translation>
    </message>
    <message>
        <source>%1 unread</source>
        <extracomment>%1 is the number of messages of a room the signed-in account has not read (“999+” for more)</extracomment>
        <translation>未読 %1 件</translation>
    </message>
    <message>
        <source>Mentions: %1</source>
        <extracomment>%1 is the number of unread messages that mention the signed-in account</extracomment>
        <translation>メンション %1 件</translation>
    </message>
    <message>
        <source>Private</source>
        <extracomment>marks a private room in the list of rooms (only its members see it)</extracomment>
        <translation>非公開</translation>
    </message>
    <message>
        <source>Direct messages</source>
        <extracomment>tooltip of a direct-message conversation (“@bob”) in the list of rooms</extracomment>
        <translation>ダイレクトメッセージ</translation>
    </message>
    <message>
        <source>People in the room</source>
        <extracomment>the accessible name of the moderator&apos;s list of the people in the room</extracomment>
        <translation>ルームにいる人</translation>
    </message>
    <message>
        <source>Private room: only its members can see it</source>
        <extracomment>tooltip of the room&apos;s name when the room is private</extracomment>
        <translation>非公開ルーム: メンバーだけが見られます</translation>
    </message>
    <message>
        <source>Kick</source>
        <extracomment>the buttons beside a person in the moderator&apos;s member list</extracomment>
        <translation>退室させる</translation>
    </message>
    <message>
        <source>Ban</source>
        <translation>追放</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>発言禁止</translation>
    </message>
    <message>
        <source>Remove %1 from the room</source>
        <extracomment>%1 is a display name</extracomment>
        <translation>%1 をルームから退室させる</translation>
    </message>
    <message>
        <source>Ban %1 from the room</source>
        <extracomment>%1 is a display name</extracomment>
        <translation>%1 をルームから追放する</translation>
    </message>
    <message>
        <source>Mute %1 in the room</source>
        <extracomment>%1 is a display name</extracomment>
        <translation>%1 の発言を禁止する</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>理由 (省略可)</translation>
    </message>
    <message>
        <source>Minutes (empty: until lifted)</source>
        <translation>分数 (空欄: 解除まで)</translation>
    </message>
    <message>
        <source>%1 was removed from the room by %2.</source>
        <extracomment>%1 is the person acted on, %2 the moderator</extracomment>
        <translation>%2 が %1 をルームから退室させました。</translation>
    </message>
    <message>
        <source>%1 was banned by %2.</source>
        <extracomment>%1 is the person acted on, %2 the moderator</extracomment>
        <translation>%2 が %1 を追放しました。</translation>
    </message>
    <message>
        <source>%2 lifted the ban of %1.</source>
        <extracomment>%1 is the person acted on, %2 the moderator</extracomment>
        <translation>%2 が %1 の追放を解除しました。</translation>
    </message>
    <message>
        <source>%1 was muted by %2.</source>
        <extracomment>%1 is the person acted on, %2 the moderator</extracomment>
        <translation>%2 が %1 の発言を禁止しました。</translation>
    </message>
    <message>
        <source>%2 lifted the mute of %1.</source>
        <extracomment>%1 is the person acted on, %2 the moderator</extracomment>
        <translation>%2 が %1 の発言禁止を解除しました。</translation>
    </message>
    <message>
        <source>A moderator removed you from this room.</source>
        <extracomment>the notice after a moderator closed this page&apos;s connection (close code 4010)</extracomment>
        <translation>モデレーターによってこのルームから退室させられました。</translation>
    </message>
    <message>
        <source>You are banned from this room.</source>
        <translation>このルームから追放されています。</translation>
    </message>
    <message>
        <source>You are banned from this room until %1.</source>
        <extracomment>%1 is the date and time the ban ends</extracomment>
        <translation>%1 までこのルームから追放されています。</translation>
    </message>
    <message>
        <source>This room is no longer available to you.</source>
        <translation>このルームにはもう参加できません。</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <extracomment>%1 is the moderator&apos;s reason</extracomment>
        <translation>理由: %1</translation>
    </message>
    <message>
        <source>Rejoin the room</source>
        <extracomment>the link after the notice of a kick</extracomment>
        <translation>ルームに再参加</translation>
    </message>
    <message>
        <source>Disconnected: removed from the room</source>
        <translation>切断: ルームから退室させられました</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>切断されました</translation>
    </message>
    <message>
        <source>You are muted in this room.</source>
        <translation>このルームでは発言を禁止されています。</translation>
    </message>
    <message>
        <source>You are muted in this room until %1.</source>
        <extracomment>%1 is the date and time the mute ends</extracomment>
        <translation>%1 までこのルームでは発言を禁止されています。</translation>
    </message>
    <message>
        <source>There is no such person in this room.</source>
        <translation>その人はこのルームにいません。</translation>
    </message>
    <message>
        <source>You may not do that to this person (owners, or other moderators).</source>
        <extracomment>a kick, ban or mute the server refused with “forbidden”</extracomment>
        <translation>この人にはその操作はできません (オーナーや他のモデレーター)。</translation>
    </message>
</context>
</TS>
