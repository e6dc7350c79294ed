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
        <source>a space</source>
        <extracomment>fills %1 of the previous message when the refused character is white space</extracomment>
        <translation>空白</translation>
    </message>
    <message>
        <source>Verified account</source>
        <extracomment>the accessible label and tooltip of the badge after the name of a sender signed in to that account</extracomment>
        <translation>認証済みアカウント</translation>
    </message>
</context>
</TS>
