import Foundation
import Hummingbird
import NIOCore
import Service

/// The context of one HTTP request: Hummingbird's own, plus the peer's address (the client of `sms.send`'s
/// per-client limit) and the body limit of a stdio line.
public struct BaokaoRequestContext: Hummingbird.RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The largest body taken: a stdio line's limit (16 MiB), so both transports accept the same messages.
    public var maxUploadSize: Int { LineFramer.defaultMaximumLineLength }
}

/// Who the client is, for the service: the peer's IP address; behind a trusted proxy (a load balancer named
/// with `--trusted-proxy`), the address that proxy saw, from `X-Forwarded-For`.
///
/// `X-Forwarded-For` is read from the right: each proxy appends the address it got the request from, and
/// only the entries added by trusted proxies can be believed — anything to their left the client wrote
/// itself. So the client is the right-most entry that is not a trusted proxy. From a peer that is not a
/// trusted proxy the header is ignored: otherwise anyone could choose their own rate-limit key.
public struct ClientAddress: Sendable {
    public let trustedProxies: Set<String>

    public init(trustedProxies: Set<String> = []) {
        self.trustedProxies = trustedProxies
    }

    /// The longest address kept: an IPv6 address with a zone fits; a longer entry is not an address.
    static let maximumLength = 64

    public func resolve(peer: String?, forwardedFor: [String]) -> String? {
        guard let peer, trustedProxies.contains(peer) else { return peer }
        let entries = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for entry in entries.reversed() where !trustedProxies.contains(entry) {
            guard !entry.isEmpty, entry.count <= ClientAddress.maximumLength,
                  entry.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" || $0 == "%" || $0 == "[" || $0 == "]" })
            else { return peer }
            return entry
        }
        return peer
    }
}
