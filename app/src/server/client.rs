//! The client address of a request: the peer of the connection, or, when
//! that peer is one of the configured trusted proxies, the address the
//! proxies put in `X-Forwarded-For` (read from the right, skipping the
//! trusted ones). No proxy is trusted by default, so a client cannot choose
//! its own address by sending the header.

use std::net::{IpAddr, SocketAddr};

use axum::extract::ConnectInfo;
use http::{Extensions, HeaderMap};
use ipnet::IpNet;

pub fn address(headers: &HeaderMap, extensions: &Extensions, trusted: &[IpNet]) -> Option<IpAddr> {
    // An IPv4 client of a `[::]` listener arrives as `::ffff:a.b.c.d`.
    let peer = extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_canonical())?;
    Some(forwarded(headers, peer, trusted))
}

fn forwarded(headers: &HeaderMap, peer: IpAddr, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map_while(|hop| hop.trim().parse::<IpAddr>().ok().map(|ip| ip.to_canonical()))
        .collect();
    hops.into_iter().rev().find(|ip| !is_trusted(ip)).unwrap_or(peer)
}

/// The address as a throttling key ("inconnue" when the server was not
/// given the connection's peer, as in tests through the router alone).
pub fn key(address: Option<IpAddr>) -> String {
    address.map_or_else(|| "inconnue".to_owned(), |ip| ip.to_string())
}

/// Parses `SESAME_TRUSTED_PROXIES`: addresses or networks, comma-separated.
pub fn parse_trusted(text: &str) -> Result<Vec<IpNet>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<IpNet>()
                .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| format!("« {s} » n'est ni une adresse ni un réseau (10.0.0.0/8)"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", xff.parse().unwrap());
        h
    }

    fn with_peer(ip: &str) -> Extensions {
        let mut e = Extensions::new();
        e.insert(ConnectInfo(SocketAddr::new(ip.parse().unwrap(), 5555)));
        e
    }

    #[test]
    fn the_header_is_ignored_unless_the_peer_is_a_trusted_proxy() {
        let spoofed = headers("1.2.3.4");
        assert_eq!(address(&spoofed, &with_peer("203.0.113.9"), &[]), Some("203.0.113.9".parse().unwrap()));
        let trusted = parse_trusted("10.0.0.0/8, 192.168.1.1").unwrap();
        assert_eq!(address(&spoofed, &with_peer("203.0.113.9"), &trusted), Some("203.0.113.9".parse().unwrap()));
        assert_eq!(address(&spoofed, &with_peer("10.1.2.3"), &trusted), Some("1.2.3.4".parse().unwrap()));
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client() {
        let trusted = parse_trusted("10.0.0.0/8").unwrap();
        // The client forged the first hop; the proxies appended the real one.
        let chain = headers("6.6.6.6, 198.51.100.7, 10.0.0.2");
        assert_eq!(address(&chain, &with_peer("10.0.0.1"), &trusted), Some("198.51.100.7".parse().unwrap()));
        assert_eq!(address(&headers("not an ip"), &with_peer("10.0.0.1"), &trusted), Some("10.0.0.1".parse().unwrap()));
        assert_eq!(address(&HeaderMap::new(), &Extensions::new(), &trusted), None);
    }

    #[test]
    fn bad_proxy_lists_are_refused_in_french() {
        assert!(parse_trusted("").unwrap().is_empty());
        assert!(parse_trusted("10.0.0.0/33").unwrap_err().contains("10.0.0.0/33"));
        assert_eq!(parse_trusted("::1").unwrap().len(), 1);
    }
}
