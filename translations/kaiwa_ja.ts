<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>Kaiwa::Client::ChatLogModel</name>
    <message>
        <source>%1 at %2: %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>(not sent yet)</source>
        <translation>(未送信)</translation>
    </message>
    <message>
        <source>Signed in to the account %1 on this server.</source>
        <translation>このサーバーのアカウント %1 でサインインしています。</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>送信待ち</translation>
    </message>
    <message>
        <source>delivery not confirmed</source>
        <translation>配信未確認</translation>
    </message>
    <message>
        <source>not delivered</source>
        <translation>未配信</translation>
    </message>
    <message>
        <source>Written at %1 and sent when the connection was back; the time shown is when the server received it.</source>
        <translation>%1 に書かれ、接続が戻ってから送信されました。表示している時刻はサーバーが受け取った時刻です。</translation>
    </message>
    <message>
        <source>Edited %1</source>
        <translation>%1 に編集</translation>
    </message>
    <message>
        <source>Mentions you.</source>
        <translation>あなたへのメンションです。</translation>
    </message>
    <message>
        <source>message deleted</source>
        <translation>メッセージは削除されました</translation>
    </message>
    <message>
        <source>(edited)</source>
        <translation>(編集済み)</translation>
    </message>
    <message>
        <source>%1: message deleted</source>
        <translation>%1: メッセージは削除されました</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>(in reply to %1) %2</source>
        <translation>(%1 への返信) %2</translation>
    </message>
    <message>
        <source>(reactions: %1)</source>
        <translation>(リアクション: %1)</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>ほか %n 人</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Kaiwa::Client::LogSelection</name>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>[%1] %2</source>
        <translation>[%1] %2</translation>
    </message>
    <message>
        <source>[%1] %2: %3</source>
        <translation>[%1] %2: %3</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Client::LogTimeFormat</name>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨日</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Client::MemberListModel</name>
    <message>
        <source>%1 (you)</source>
        <comment>the user&apos;s own entry in the member list</comment>
        <translation>%1 (あなた)</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Client::Room</name>
    <message>
        <source>Some messages sent while you were away are no longer available.</source>
        <translation>離れている間に送られた一部のメッセージは、もう取得できません。</translation>
    </message>
    <message>
        <source>The server reported an error: %1</source>
        <translation>サーバーがエラーを報告しました: %1</translation>
    </message>
    <message>
        <source>The server&apos;s history of this room was reset or restored from a backup: the log starts again from what it holds now.</source>
        <translation>サーバー上のこのルームの履歴がリセットされたか、バックアップから復元されました。ログはサーバーにある内容から表示し直します。</translation>
    </message>
    <message>
        <source>Not connected: nothing was changed. Try again once the connection is back.</source>
        <translation>接続していないため、何も変更されませんでした。接続が戻ってから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>This server does not support editing, deleting or reactions.</source>
        <translation>このサーバーは編集・削除・リアクションに対応していません。</translation>
    </message>
    <message>
        <source>Not allowed: only its author can change a message (an anonymous author only from the connection that sent it), and edits only for as long as this server allows.</source>
        <translation>許可されていません。メッセージを変更できるのは送信者だけです(匿名の送信者は送信した接続からのみ)。編集はこのサーバーが許す期間内に限ります。</translation>
    </message>
    <message>
        <source>That message is not in this room&apos;s history any more.</source>
        <translation>そのメッセージはもうこのルームの履歴にありません。</translation>
    </message>
    <message>
        <source>That message was deleted.</source>
        <translation>そのメッセージは削除されています。</translation>
    </message>
    <message>
        <source>That message has as many reactions as it can take.</source>
        <translation>そのメッセージにはこれ以上リアクションを付けられません。</translation>
    </message>
    <message>
        <source>A reaction is a single emoji.</source>
        <translation>リアクションには絵文字を 1 つだけ使えます。</translation>
    </message>
    <message>
        <source>Too much at once: wait a moment and try again.</source>
        <translation>操作が多すぎます。少し待ってから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The server refused it: %1</source>
        <translation>サーバーに拒否されました: %1</translation>
    </message>
    <message>
        <source>%1 removed you from the room.</source>
        <translation>%1 さんがあなたをルームから退室させました。</translation>
    </message>
    <message>
        <source>%1 removed %2 from the room.</source>
        <translation>%1 さんが %2 さんをルームから退室させました。</translation>
    </message>
    <message>
        <source>%1 banned you from the room.</source>
        <translation>%1 さんがあなたをルームから追放しました。</translation>
    </message>
    <message>
        <source>%1 banned %2 from the room.</source>
        <translation>%1 さんが %2 さんをルームから追放しました。</translation>
    </message>
    <message>
        <source>%1 banned you from the room until %2.</source>
        <translation>%1 さんがあなたを %2 までルームから追放しました。</translation>
    </message>
    <message>
        <source>%1 banned %2 from the room until %3.</source>
        <translation>%1 さんが %2 さんを %3 までルームから追放しました。</translation>
    </message>
    <message>
        <source>%1 muted you: you can read but not write here.</source>
        <translation>%1 さんがあなたを発言禁止にしました。読むことはできますが、書き込めません。</translation>
    </message>
    <message>
        <source>%1 muted %2.</source>
        <translation>%1 さんが %2 さんを発言禁止にしました。</translation>
    </message>
    <message>
        <source>%1 muted you until %2: you can read but not write here.</source>
        <translation>%1 さんがあなたを %2 まで発言禁止にしました。読むことはできますが、書き込めません。</translation>
    </message>
    <message>
        <source>%1 muted %2 until %3.</source>
        <translation>%1 さんが %2 さんを %3 まで発言禁止にしました。</translation>
    </message>
    <message>
        <source>%1 lifted the ban of %2.</source>
        <translation>%1 さんが %2 さんの追放を解除しました。</translation>
    </message>
    <message>
        <source>%1 lifted your mute.</source>
        <translation>%1 さんがあなたの発言禁止を解除しました。</translation>
    </message>
    <message>
        <source>%1 lifted the mute of %2.</source>
        <translation>%1 さんが %2 さんの発言禁止を解除しました。</translation>
    </message>
    <message>
        <source>%1 moderated %2.</source>
        <translation>%1 さんが %2 さんに対処しました。</translation>
    </message>
    <message>
        <source>%1 Reason: %2</source>
        <translation>%1 理由: %2</translation>
    </message>
    <message>
        <source>You are muted in this room until %1.</source>
        <translation>このルームでは %1 まで発言禁止です。</translation>
    </message>
    <message>
        <source>You are muted in this room.</source>
        <translation>このルームでは発言禁止です。</translation>
    </message>
    <message>
        <source>There is no such account or member in this room.</source>
        <translation>そのアカウントまたはメンバーはこのルームにいません。</translation>
    </message>
    <message>
        <source>The room&apos;s last owner cannot be removed: make someone else an owner first.</source>
        <translation>ルームの最後のオーナーは外せません。先に別の人をオーナーにしてください。</translation>
    </message>
    <message>
        <source>You are banned from this room until %1.</source>
        <translation>このルームから %1 まで追放されています。</translation>
    </message>
    <message>
        <source>A moderator removed you from this room.</source>
        <translation>モデレーターがあなたをこのルームから退室させました。</translation>
    </message>
    <message>
        <source>You are banned from this room.</source>
        <translation>このルームから追放されています。</translation>
    </message>
    <message>
        <source>This room is no longer available to you.</source>
        <translation>このルームにはもう参加できません。</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Client::RoomConnection</name>
    <message>
        <source>The server did not answer in time.</source>
        <translation>サーバーが時間内に応答しませんでした。</translation>
    </message>
    <message>
        <source>The server stopped answering.</source>
        <translation>サーバーが応答しなくなりました。</translation>
    </message>
    <message>
        <source>The server closed the connection (code %1).</source>
        <translation>サーバーが接続を閉じました (コード %1)。</translation>
    </message>
    <message>
        <source>The server is shutting down or restarting.</source>
        <translation>サーバーが停止または再起動しています。</translation>
    </message>
    <message>
        <source>This server requires signing in.</source>
        <translation>このサーバーではログインが必要です。</translation>
    </message>
    <message>
        <source>Your sign-in has expired or was ended; sign in again.</source>
        <translation>ログインの有効期限が切れたか、ログアウトされました。もう一度ログインしてください。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted:
%1</source>
        <translation>サーバーの証明書を信頼できません:
%1</translation>
    </message>
    <message>
        <source>There is no chat room at this address (the server answered “404 Not Found”). Check the server address: it is the one you open in a browser, such as http://localhost:8000/chat/.</source>
        <translation>このアドレスにはチャットルームがありません (サーバーの応答は「404 Not Found」)。サーバーのアドレスを確認してください。ブラウザーで開くアドレス (例: http://localhost:8000/chat/) です。</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Client::RoomDirectoryModel</name>
    <message>
        <source>never</source>
        <comment>a room&apos;s last activity</comment>
        <translation>なし</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>ルーム</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>オンライン</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>最終アクティビティ</translation>
    </message>
    <message>
        <source>No server.</source>
        <translation>サーバーがありません。</translation>
    </message>
    <message>
        <source>Direct messages with %1</source>
        <translation>%1 さんとのダイレクトメッセージ</translation>
    </message>
    <message>
        <source>%1 (private: only its members see it)</source>
        <translation>%1 (非公開: メンバーだけが見られます)</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>トピック</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Client::SearchResultsModel</name>
    <message>
        <source>%1 in %2: %3</source>
        <translation>%2 の %1: %3</translation>
    </message>
    <message>
        <source>No server to search.</source>
        <translation>検索するサーバーがありません。</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Client::ServerApi</name>
    <message>
        <source>The server&apos;s certificate is not trusted, so nothing was asked:
%1</source>
        <translation>サーバーの証明書が信頼できないため、何も問い合わせていません:
%1</translation>
    </message>
    <message>
        <source>The server could not be reached: %1</source>
        <translation>サーバーに接続できませんでした: %1</translation>
    </message>
    <message>
        <source>The server&apos;s answer was not understood (is this a kaiwa-server?).</source>
        <translation>サーバーの応答を理解できませんでした (kaiwa-server ですか?)。</translation>
    </message>
    <message>
        <source>Sign in to this server first.</source>
        <translation>先にこのサーバーにサインインしてください。</translation>
    </message>
    <message>
        <source>This server does not offer that (it may be an older kaiwa-server, or not one).</source>
        <translation>このサーバーはその機能を提供していません (古い kaiwa-server か、kaiwa-server ではない可能性があります)。</translation>
    </message>
    <message>
        <source>Too many requests at once: wait a moment and try again.</source>
        <translation>一度に多くのリクエストがありました。少し待ってからやり直してください。</translation>
    </message>
    <message>
        <source>The server refused the request: %1</source>
        <translation>サーバーがリクエストを拒否しました: %1</translation>
    </message>
    <message>
        <source>The server could not answer (HTTP %1).</source>
        <translation>サーバーが応答できませんでした (HTTP %1)。</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Client::SignIn</name>
    <message>
        <source>The server&apos;s certificate is not trusted, so nothing was sent:
%1</source>
        <translation>サーバーの証明書を信頼できないため、何も送信しませんでした:
%1</translation>
    </message>
    <message>
        <source>Wrong account name or password.</source>
        <translation>アカウント名またはパスワードが違います。</translation>
    </message>
    <message>
        <source>The server could not be reached: %1</source>
        <translation>サーバーに接続できませんでした: %1</translation>
    </message>
    <message>
        <source>The server refused to sign you in (HTTP %1).</source>
        <translation>サーバーがログインを拒否しました (HTTP %1)。</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>ログインの失敗が多すぎます。%n 秒後にもう一度お試しください。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::AboutDialog</name>
    <message>
        <source>Kaiwa %1</source>
        <translation>Kaiwa %1</translation>
    </message>
    <message>
        <source>A desktop client for Kaiwa and Django Channels chat rooms.</source>
        <translation>Kaiwa と Django Channels のチャットルームのためのデスクトップクライアントです。</translation>
    </message>
    <message>
        <source>Running on Qt %1, built with Qt %2.</source>
        <translation>Qt %1 で動作中（Qt %2 でビルド）。</translation>
    </message>
    <message>
        <source>Free software under the MIT licence.</source>
        <translation>MIT ライセンスのフリーソフトウェアです。</translation>
    </message>
    <message>
        <source>Written by the Kaiwa authors. Built with Qt and QtKeychain; emoji drawn with Google&apos;s Noto Color Emoji; the chat follows the protocol of the Django Channels tutorial.</source>
        <translation>開発: Kaiwa の作者たち。Qt と QtKeychain を使い、絵文字は Google の Noto Color Emoji で表示します。チャットは Django Channels チュートリアルのプロトコルに従います。</translation>
    </message>
    <message>
        <source>About Kaiwa</source>
        <translation>Kaiwa について</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::ChatLogActions</name>
    <message>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <source>Copy &amp;Message</source>
        <translation>メッセージをコピー(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Open Links in Message</source>
        <translation>メッセージ内のリンクを開く(&amp;O)</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>すべて選択(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>返信(&amp;R)</translation>
    </message>
    <message>
        <source>Add Reac&amp;tion…</source>
        <translation>リアクションを追加(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::ChatLogView</name>
    <message>
        <source>Previous message</source>
        <translation>前のメッセージ</translation>
    </message>
    <message>
        <source>Next message</source>
        <translation>次のメッセージ</translation>
    </message>
    <message>
        <source>A page of messages up</source>
        <translation>1 ページ上へ</translation>
    </message>
    <message>
        <source>A page of messages down</source>
        <translation>1 ページ下へ</translation>
    </message>
    <message>
        <source>First message (loading older ones)</source>
        <translation>最初のメッセージ (古いメッセージも読み込む)</translation>
    </message>
    <message>
        <source>Newest message</source>
        <translation>最新のメッセージ</translation>
    </message>
    <message>
        <source>Select the previous message too</source>
        <translation>前のメッセージも選択</translation>
    </message>
    <message>
        <source>Select the next message too</source>
        <translation>次のメッセージも選択</translation>
    </message>
    <message>
        <source>Clear the selection</source>
        <translation>選択を解除</translation>
    </message>
    <message>
        <source>Up and Down move by message, Page Up and Page Down by page, Home and End to the first and last; Ctrl+C copies, Ctrl+Enter opens the links of the message; R replies to it, + adds a reaction, E edits and Delete deletes your own.</source>
        <translation>↑↓ でメッセージごと、Page Up と Page Down でページごと、Home と End で最初と最後へ移動します。Ctrl+C でコピー、Ctrl+Enter でメッセージ内のリンクを開きます。R で返信、+ でリアクションを追加、自分のメッセージは E で編集、Delete で削除します。</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::ComposeBar</name>
    <message>
        <source>Replying to %1</source>
        <translation>%1 に返信</translation>
    </message>
    <message>
        <source>Editing your message: Enter saves it</source>
        <translation>メッセージを編集中: Enter で保存します</translation>
    </message>
    <message>
        <source>Cancel the edit (Esc)</source>
        <translation>編集をやめる (Esc)</translation>
    </message>
    <message>
        <source>Cancel the reply (Esc)</source>
        <translation>返信をやめる (Esc)</translation>
    </message>
    <message>
        <source>Cancel the edit</source>
        <translation>編集をやめる</translation>
    </message>
    <message>
        <source>Cancel the reply</source>
        <translation>返信をやめる</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::ConnectionIndicator</name>
    <message>
        <source>Disconnected.</source>
        <translation>切断されています。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>%1 に接続しています…</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>%1 に接続しました。</translation>
    </message>
    <message>
        <source>Connected to %1 (basic chat server: no history, delivery cannot be confirmed).</source>
        <translation>%1 に接続しました (基本的なチャットサーバー: 履歴なし、配信確認なし)。</translation>
    </message>
    <message numerus="yes">
        <source>Not connected: %1 Retrying in %n s.</source>
        <translation>
            <numerusform>未接続: %1 %n 秒後に再接続します。</numerusform>
        </translation>
    </message>
    <message>
        <source>the server cannot be reached.</source>
        <translation>サーバーに到達できません。</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) waiting to be sent.</source>
        <translation>
            <numerusform>%n 件のメッセージが送信待ちです。</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>接続状態</translation>
    </message>
    <message>
        <source>Reconnect now</source>
        <translation>今すぐ再接続</translation>
    </message>
    <message>
        <source>Try to connect again without waiting (Ctrl+R)</source>
        <translation>待たずにもう一度接続します (Ctrl+R)</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>未接続: %1</translation>
    </message>
    <message>
        <source>Rejoin</source>
        <translation>再参加</translation>
    </message>
    <message>
        <source>Join the room again (Ctrl+R)</source>
        <translation>もう一度ルームに参加します (Ctrl+R)</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::EmojiPicker</name>
    <message>
        <source>Emoji</source>
        <translation>絵文字</translation>
    </message>
    <message>
        <source>Arrow keys choose, Enter inserts, Escape closes. Recently used first.</source>
        <translation>矢印キーで選び、Enter で挿入、Esc で閉じます。最近使ったものが先頭です。</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::LoginDialog</name>
    <message>
        <source>Signing in…</source>
        <translation>ログインしています…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>ログイン</translation>
    </message>
    <message>
        <source>%1 requires signing in.</source>
        <translation>%1 ではログインが必要です。</translation>
    </message>
    <message>
        <source>&amp;Account name:</source>
        <translation>アカウント名(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P):</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::MainWindow</name>
    <message>
        <source>Open rooms</source>
        <translation>開いているルーム</translation>
    </message>
    <message>
        <source>No room is open.
Press %1 to join one.</source>
        <translation>開いているルームはありません。
%1 を押してルームに参加してください。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n unread)</source>
        <translation>
            <numerusform>%1 (未読 %n 件)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kaiwa: %n unread message(s)</source>
        <translation>
            <numerusform>Kaiwa: 未読メッセージ %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Kaiwa</source>
        <translation>Kaiwa</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>新着メッセージ</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%2 の %1</translation>
    </message>
    <message>
        <source>No keychain is available: you stay signed in until Kaiwa quits.</source>
        <translation>キーチェーンを利用できません。サインインは Kaiwa を終了するまで有効です。</translation>
    </message>
    <message>
        <source>No room is open.</source>
        <translation>開いているルームはありません。</translation>
    </message>
    <message>
        <source>Closed %1. %2 opens it again.</source>
        <translation>%1 を閉じました。%2 で開き直せます。</translation>
    </message>
    <message>
        <source>No room was closed.</source>
        <translation>閉じたルームはありません。</translation>
    </message>
    <message>
        <source>Opened %1 again.</source>
        <translation>%1 を開き直しました。</translation>
    </message>
    <message>
        <source>%1 is connected already.</source>
        <translation>%1 はすでに接続しています。</translation>
    </message>
    <message>
        <source>%1 is connecting already.</source>
        <translation>%1 は接続中です。</translation>
    </message>
    <message>
        <source>Reconnecting %1…</source>
        <translation>%1 に再接続しています…</translation>
    </message>
    <message numerus="yes">
        <source>There is no room %1: %n room(s) open.</source>
        <translation>
            <numerusform>ルーム %1 はありません（開いているルームは %n 個）。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is the only open room.</source>
        <translation>開いているルームは %1 だけです。</translation>
    </message>
    <message>
        <source>%1 mentioned you in %2</source>
        <translation>%1 が %2 であなたにメンションしました</translation>
    </message>
    <message>
        <source>Open a room first: the rooms listed are those of its server.</source>
        <translation>先にルームを開いてください。そのルームのサーバーのルームが一覧になります。</translation>
    </message>
    <message>
        <source>%1+</source>
        <translation>%1+</translation>
    </message>
    <message>
        <source>%1 (%2, @%3)</source>
        <comment>tab: room (unread, mentions)</comment>
        <translation>%1 (%2, @%3)</translation>
    </message>
    <message>
        <source>Only the owners of %1 can change its settings.</source>
        <translation>%1 の設定を変更できるのはオーナーだけです。</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::MemberPanel</name>
    <message numerus="yes">
        <source>%n member(s)</source>
        <comment>header of the member list</comment>
        <translation>
            <numerusform>%n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Members</source>
        <translation>メンバー</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::MessageInput</name>
    <message>
        <source>Send the message</source>
        <translation>メッセージを送信</translation>
    </message>
    <message>
        <source>Start a new line</source>
        <translation>改行</translation>
    </message>
    <message>
        <source>Move on to the next control</source>
        <translation>次の項目へ移動</translation>
    </message>
    <message>
        <source>Edit your last message (in an empty box)</source>
        <translation>最後に送ったメッセージを編集 (入力欄が空のとき)</translation>
    </message>
    <message>
        <source>Cancel the reply or the edit</source>
        <translation>返信または編集をやめる</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::MessageLayout</name>
    <message>
        <source>(unknown)</source>
        <translation>(不明)</translation>
    </message>
    <message>
        <source>New messages</source>
        <translation>新着メッセージ</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::ModerationDialog</name>
    <message>
        <source>Until lifted</source>
        <translation>解除するまで</translation>
    </message>
    <message>
        <source> min</source>
        <comment>a ban&apos;s or mute&apos;s duration in minutes</comment>
        <translation> 分</translation>
    </message>
    <message>
        <source>Kick %1</source>
        <translation>%1 さんを退室させる</translation>
    </message>
    <message>
        <source>Remove %1 from the room? They can come back.</source>
        <translation>%1 さんをルームから退室させますか? 再び参加することはできます。</translation>
    </message>
    <message>
        <source>&amp;Kick</source>
        <translation>退室させる(&amp;K)</translation>
    </message>
    <message>
        <source>Ban %1</source>
        <translation>%1 さんを追放</translation>
    </message>
    <message>
        <source>Remove %1 from the room and keep them out until the ban ends or is lifted?</source>
        <translation>%1 さんをルームから退室させ、追放が終わるか解除されるまで参加できないようにしますか?</translation>
    </message>
    <message>
        <source>&amp;Ban</source>
        <translation>追放(&amp;B)</translation>
    </message>
    <message>
        <source>Mute %1</source>
        <translation>%1 さんを発言禁止にする</translation>
    </message>
    <message>
        <source>Let %1 read the room but not write in it?</source>
        <translation>%1 さんがルームを読めても書き込めないようにしますか?</translation>
    </message>
    <message>
        <source>&amp;Mute</source>
        <translation>発言禁止(&amp;M)</translation>
    </message>
    <message>
        <source>Lift the restriction of %1</source>
        <translation>%1 さんの制限を解除</translation>
    </message>
    <message>
        <source>&amp;Lift</source>
        <translation>解除(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation>期間(&amp;D):</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::RoomDirectoryDialog</name>
    <message>
        <source>Rooms on %1</source>
        <translation>%1 のルーム</translation>
    </message>
    <message>
        <source>Filter rooms by name</source>
        <translation>ルーム名で絞り込み</translation>
    </message>
    <message>
        <source>Filter rooms</source>
        <translation>ルームを絞り込み</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>ルーム</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>参加(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>Loading the rooms…</source>
        <translation>ルームを読み込み中…</translation>
    </message>
    <message>
        <source>The rooms could not be listed: %1</source>
        <translation>ルームを一覧にできませんでした: %1</translation>
    </message>
    <message>
        <source>No rooms yet: join a new one to start it.</source>
        <translation>まだルームがありません。新しいルームに参加すると作られます。</translation>
    </message>
    <message>
        <source>No room&apos;s name contains “%1”.</source>
        <translation>「%1」を含む名前のルームはありません。</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::RoomPrompt</name>
    <message>
        <source>Join a Room</source>
        <translation>ルームに参加</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>サーバー(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Room:</source>
        <translation>ルーム(&amp;R):</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>表示名(&amp;N):</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>サーバーのアドレス</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>ルーム名</translation>
    </message>
    <message>
        <source>e.g. lobby</source>
        <translation>例: lobby</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>表示名</translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation>anonymous</translation>
    </message>
    <message>
        <source>Input problems</source>
        <translation>入力の問題</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>参加(&amp;J)</translation>
    </message>
    <message>
        <source>Enter the server address, e.g. %1.</source>
        <translation>サーバーのアドレスを入力してください (例: %1)。</translation>
    </message>
    <message>
        <source>The server address is not valid; it looks like %1.</source>
        <translation>サーバーのアドレスが正しくありません。%1 のような形式です。</translation>
    </message>
    <message>
        <source>The server address must start with http:// or https://.</source>
        <translation>サーバーのアドレスは http:// または https:// で始めてください。</translation>
    </message>
    <message>
        <source>Enter a room name.</source>
        <translation>ルーム名を入力してください。</translation>
    </message>
    <message numerus="yes">
        <source>A room name can have at most %n character(s).</source>
        <translation>
            <numerusform>ルーム名は最大 %n 文字です。</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” cannot be used in a room name: use letters, digits and _ only.</source>
        <translation>「%1」はルーム名に使えません。文字、数字、_ だけを使ってください。</translation>
    </message>
    <message>
        <source>Your name will be shown as “%1”.</source>
        <translation>表示名は「%1」と表示されます。</translation>
    </message>
    <message>
        <source>The address you would open in a browser, e.g. %1 or a room&apos;s page such as %1/chat/lobby/</source>
        <translation>ブラウザーで開くアドレス (例: %1) か、ルームのページ (例: %1/chat/lobby/)</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::RoomSettingsDialog</name>
    <message>
        <source>Settings of %1</source>
        <translation>%1 の設定</translation>
    </message>
    <message>
        <source>&amp;Private: only the accounts listed below can find and join the room</source>
        <translation>非公開(&amp;P): 下に並ぶアカウントだけがルームを見つけて参加できます</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>&amp;Grant</source>
        <translation>付与(&amp;G)</translation>
    </message>
    <message>
        <source>Re&amp;voke</source>
        <translation>取り消す(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>トピック(&amp;T):</translation>
    </message>
    <message>
        <source>Accounts with a role in the room:</source>
        <translation>このルームで役割を持つアカウント:</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>オーナー</translation>
    </message>
    <message>
        <source>Moderator</source>
        <translation>モデレーター</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>メンバー</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込んでいます…</translation>
    </message>
    <message>
        <source>The list of roles could not be loaded: %1</source>
        <translation>役割の一覧を読み込めませんでした: %1</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::RoomView</name>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 さんが入力中…</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 さんと %2 さんが入力中…</translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation>複数の人が入力中…</translation>
    </message>
    <message>
        <source>Messages in %1</source>
        <translation>%1 のメッセージ</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>Enter sends the message, Shift+Enter starts a new line.</source>
        <translation>Enter で送信、Shift+Enter で改行します。</translation>
    </message>
    <message>
        <source>Message %1 — Enter sends, Shift+Enter starts a new line</source>
        <translation>%1 へのメッセージ — Enter で送信、Shift+Enter で改行</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>送信(&amp;S)</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>メッセージを送信</translation>
    </message>
    <message>
        <source>This message is too long to send; split it into several messages.</source>
        <translation>メッセージが長すぎて送信できません。いくつかに分けてください。</translation>
    </message>
    <message>
        <source>Type a message first.</source>
        <translation>先にメッセージを入力してください。</translation>
    </message>
    <message>
        <source>Insert &amp;Emoji…</source>
        <translation>絵文字を挿入(&amp;E)…</translation>
    </message>
    <message>
        <source>Insert an emoji (%1)</source>
        <translation>絵文字を挿入 (%1)</translation>
    </message>
    <message>
        <source>Insert emoji</source>
        <translation>絵文字を挿入</translation>
    </message>
    <message>
        <source>Message %1 — sent once the connection is back</source>
        <translation>%1 へのメッセージ — 接続が戻ると送信されます</translation>
    </message>
    <message>
        <source>Delete Message</source>
        <translation>メッセージの削除</translation>
    </message>
    <message>
        <source>Delete this message for everyone in %1? Its text will be gone from the server; this cannot be undone.</source>
        <translation>%1 の全員からこのメッセージを削除しますか? 本文はサーバーから消え、元に戻せません。</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message numerus="yes">
        <source>That message is too far back to go to: over %n messages would have to be loaded. Scroll up to load older messages.</source>
        <translation>
            <numerusform>そのメッセージは古すぎて移動できません (%n 件以上の読み込みが必要です)。上にスクロールして古いメッセージを読み込んでください。</numerusform>
        </translation>
    </message>
    <message>
        <source>That message is no longer in the room&apos;s history.</source>
        <translation>そのメッセージはもうルームの履歴にありません。</translation>
    </message>
    <message>
        <source>Direct messages with %1</source>
        <translation>%1 さんとのダイレクトメッセージ</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>room header: what the room is — its topic</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Private room</source>
        <translation>非公開ルーム</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>トピック</translation>
    </message>
    <message>
        <source>&amp;Message %1</source>
        <translation>%1 さんにメッセージ(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Kick…</source>
        <translation>退室させる(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Ban…</source>
        <translation>追放(&amp;B)…</translation>
    </message>
    <message>
        <source>M&amp;ute…</source>
        <translation>発言禁止(&amp;U)…</translation>
    </message>
    <message>
        <source>Message %1 — sent only if you join again</source>
        <translation>%1 へのメッセージ — もう一度参加した場合にのみ送信されます</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::SearchBar</name>
    <message>
        <source>Search messages</source>
        <translation>メッセージを検索</translation>
    </message>
    <message>
        <source>Search messages in %1</source>
        <translation>%1 のメッセージを検索</translation>
    </message>
    <message>
        <source>&amp;All rooms</source>
        <translation>すべてのルーム(&amp;A)</translation>
    </message>
    <message>
        <source>Search every room of this server, not only the current one</source>
        <translation>現在のルームだけでなく、このサーバーのすべてのルームを検索します</translation>
    </message>
    <message>
        <source>Close the search (Esc)</source>
        <translation>検索を閉じる (Esc)</translation>
    </message>
    <message>
        <source>Close the search</source>
        <translation>検索を閉じる</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>検索結果</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>検索中…</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>検索に失敗しました: %1</translation>
    </message>
    <message>
        <source>No messages found in any room.</source>
        <translation>どのルームにも見つかりませんでした。</translation>
    </message>
    <message>
        <source>No messages found in %1.</source>
        <translation>%1 には見つかりませんでした。</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::SearchResultDelegate</name>
    <message>
        <source>%1 %2</source>
        <comment>search result: day, time</comment>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Switching Rooms</source>
        <translation>ルームの切り替え</translation>
    </message>
    <message>
        <source>In a room</source>
        <translation>ルーム内</translation>
    </message>
    <message>
        <source>In the message box</source>
        <translation>メッセージ入力欄</translation>
    </message>
    <message>
        <source>In the chat log</source>
        <translation>チャットログ</translation>
    </message>
</context>
<context>
    <name>Kaiwa::Ui::WindowActions</name>
    <message>
        <source>&amp;Join Room…</source>
        <translation>ルームに参加(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Reconnect Now</source>
        <translation>今すぐ再接続(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Close Room</source>
        <translation>ルームを閉じる(&amp;C)</translation>
    </message>
    <message>
        <source>Re&amp;open Closed Room</source>
        <translation>閉じたルームを開き直す(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Next Room</source>
        <translation>次のルーム(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Room</source>
        <translation>前のルーム(&amp;P)</translation>
    </message>
    <message>
        <source>Go to &amp;Message Box</source>
        <translation>メッセージ入力欄へ移動(&amp;M)</translation>
    </message>
    <message>
        <source>Go to Chat &amp;Log</source>
        <translation>チャットログへ移動(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>キーボードショートカット(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Kaiwa</source>
        <translation>Kaiwa について(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <source>Go to Room %1</source>
        <translation>ルーム %1 へ移動</translation>
    </message>
    <message>
        <source>&amp;System Default</source>
        <translation>システムの既定(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <comment>theme: follow the system&apos;s colour scheme</comment>
        <translation>システムに合わせる(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <comment>theme</comment>
        <translation>ライト(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <comment>theme</comment>
        <translation>ダーク(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Room</source>
        <translation>ルーム(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>テーマ(&amp;T)</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>言語(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;All Messages</source>
        <comment>notifications</comment>
        <translation>すべてのメッセージ(&amp;A)</translation>
    </message>
    <message>
        <source>Only &amp;Mentions of Me</source>
        <comment>notifications</comment>
        <translation>自分へのメンションのみ(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;None</source>
        <comment>notifications</comment>
        <translation>通知しない(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation>通知(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Browse Rooms…</source>
        <translation>ルームを探す(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Find Messages…</source>
        <translation>メッセージを検索(&amp;F)…</translation>
    </message>
    <message>
        <source>Room &amp;Settings…</source>
        <translation>ルームの設定(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Chat in Kaiwa and Django Channels rooms.</source>
        <translation>Kaiwa と Django Channels のルームでチャットします。</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>not a server address: %1</source>
        <translation>サーバーのアドレスではありません: %1</translation>
    </message>
    <message>
        <source>not a valid room name: %1</source>
        <translation>正しいルーム名ではありません: %1</translation>
    </message>
    <message>
        <source>Server address, as a browser uses it (default %1). Reopens the rooms you had open there, or asks for a room when there were none.</source>
        <translation>ブラウザーと同じサーバーのアドレス (既定: %1)。そのサーバーで開いていたルームを開き直します。なければルームを尋ねます。</translation>
    </message>
    <message>
        <source>Room to open as well.</source>
        <translation>あわせて開くルーム。</translation>
    </message>
    <message>
        <source>Your display name in the rooms opened now, remembered for the server.</source>
        <translation>今回開くルームでの表示名。サーバーごとに記憶されます。</translation>
    </message>
</context>
</TS>
