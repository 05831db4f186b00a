import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 answer as bytes came off the socket.
public struct HTTPAnswer: Sendable {
    public let status: Int
    /// Header names lower-cased; a repeated header keeps its last value.
    public let headers: [String: String]
    public let body: [UInt8]
    public var text: String { String(decoding: body, as: UTF8.self) }
}

public struct ClientFailure: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// A deliberately plain HTTP/1.1 client on blocking POSIX sockets, loopback only: one request per connection
/// (`Connection: close`), read to EOF. It can bind its source address (127.0.0.2 …), which is how the tests
/// show that the server takes the client from the peer; and it stops sending a large body as soon as an
/// answer arrives (a `413` comes before the body is all sent).
public enum LoopbackClient {
    /// Sends one request and reads its answer on a thread of its own: the blocking calls must not hold one of
    /// the few threads of Swift's cooperative pool, which the in-process server's handlers run on.
    public static func request(port: Int, _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = [],
                        from source: String = "127.0.0.1", timeout: Int = 60) async throws -> HTTPAnswer
    {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result {
                    try requestBlocking(port: port, method, path, headers: headers, body: body, from: source, timeout: timeout)
                })
            }
        }
    }

    public static func requestBlocking(port: Int, _ method: String, _ path: String, headers: [(String, String)], body: [UInt8],
                                from source: String, timeout: Int) throws -> HTTPAnswer
    {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClientFailure(description: "socket: \(errno)") }
        defer { close(fd) }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var local = address(source, port: 0)
        guard withUnsafePointer(to: &local, { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }) == 0 else {
            throw ClientFailure(description: "bind \(source): errno \(errno)")
        }
        var remote = address("127.0.0.1", port: port)
        guard withUnsafePointer(to: &remote, { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }) == 0 else {
            throw ClientFailure(description: "connect 127.0.0.1:\(port): errno \(errno)")
        }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        try sendAll(fd, Array(head.utf8))
        var offset = 0
        while offset < body.count {
            if answerWaiting(fd) { break }
            let end = min(body.count, offset + 64 * 1024)
            // The server may answer and close before the body is all sent (413): stop sending then.
            guard (try? sendAll(fd, Array(body[offset..<end]))) != nil else { break }
            offset = end
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            if count < 0, errno == ECONNRESET, !received.isEmpty { break }
            guard count >= 0 else { throw ClientFailure(description: "recv: errno \(errno) after \(received.count) bytes") }
            if count == 0 { break }
            received += buffer[0..<count]
        }
        return try parse(received)
    }

    /// A JSON POST, the usual case.
    public static func post(port: Int, _ path: String, _ body: String, headers: [(String, String)] = [], from source: String = "127.0.0.1") async throws -> HTTPAnswer {
        try await request(port: port, "POST", path, headers: [("Content-Type", "application/json")] + headers, body: Array(body.utf8), from: source)
    }

    public static func get(port: Int, _ path: String, headers: [(String, String)] = []) async throws -> HTTPAnswer {
        try await request(port: port, "GET", path, headers: headers)
    }

    private static func address(_ ip: String, port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, ip, &address.sin_addr)
        return address
    }

    private static func sendAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent < 0, errno == EINTR { continue }
            guard sent > 0 else { throw ClientFailure(description: "send: errno \(errno)") }
            offset += sent
        }
    }

    private static func answerWaiting(_ fd: Int32) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, 0) > 0
    }

    private static func parse(_ bytes: [UInt8]) throws -> HTTPAnswer {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else {
            throw ClientFailure(description: "no HTTP head in \(bytes.count) bytes: \(String(decoding: bytes.prefix(200), as: UTF8.self))")
        }
        let lines = String(decoding: bytes[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw ClientFailure(description: "bad status line \(lines[0])") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(bytes[(end + 4)...])
        if let length = headers["content-length"].flatMap(Int.init) { body = Array(body.prefix(length)) }
        return HTTPAnswer(status: status, headers: headers, body: body)
    }
}

/// A built executable of this package (`baokao`, `baokao-server`), beside the test bundle.
public func builtExecutable(_ name: String) -> URL {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while folder.path != "/" {
        let candidate = folder.appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        folder.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/\(name)")
}
