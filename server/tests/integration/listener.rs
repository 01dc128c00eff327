//! The real server loop (`sesame_server::listen`) on a loopback port: a
//! client trickling its headers is cut off (slow loris), a plain request
//! is answered, and each request carries its connection's peer address
//! (without it, the limits per client would key on nothing).

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::TestApp;

async fn start(app: &TestApp, burst_per_minute: u32) -> (std::net::SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let routes = app.router_with(|s| s.burst_per_minute = burst_per_minute);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(sesame_server::listen::serve_with(
        listener,
        routes,
        async {
            let _ = stopped.await;
        },
        Duration::from_secs(1),
    ));
    (address, stop)
}

async fn exchange(address: std::net::SocketAddr, request: &str) -> String {
    let mut tcp = tokio::net::TcpStream::connect(address).await.unwrap();
    tcp.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), tcp.read_to_end(&mut answer)).await.expect("answered").unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

on_both_databases!(the_server_loop_cuts_slow_clients_and_knows_each_peer, |app: TestApp| async move {
    let (address, stop) = start(&app, 3).await;
    assert!(exchange(address, "GET /healthz HTTP/1.1\r\nHost: sesame.test\r\nConnection: close\r\n\r\n")
        .await
        .starts_with("HTTP/1.1 200"));

    // Headers never finished: the server hangs up (a 408 at most) within its deadline, not ours.
    let mut tcp = tokio::net::TcpStream::connect(address).await.unwrap();
    tcp.write_all(b"GET /healthz HTTP/1.1\r\nHost: sesame.test\r\nX-Lent: ").await.unwrap();
    let mut answer = Vec::new();
    let ended = tokio::time::timeout(Duration::from_secs(8), tcp.read_to_end(&mut answer)).await;
    assert!(ended.is_ok(), "the connection is still open");
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 408"), "{answer}");

    // The burst limit (3 a minute here) keys on the peer: the fourth post is refused.
    let post = "POST /api/compte/code-activation HTTP/1.1\r\nHost: sesame.test\r\nContent-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\nContent-Length: 20\r\nConnection: close\r\n\r\nemail=x%40example.fr";
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(exchange(address, post).await.lines().next().unwrap_or_default().to_owned());
    }
    assert!(statuses[..3].iter().all(|s| !s.contains("429")), "{statuses:?}");
    assert!(statuses[3].starts_with("HTTP/1.1 429"), "{statuses:?}");
    let _ = stop.send(());
});
