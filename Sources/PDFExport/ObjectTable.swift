/// The numbered objects of a PDF, written in number order with a correct cross-reference table and trailer.
struct ObjectTable {
    private var bodies: [Int: [UInt8]] = [:]

    mutating func add(_ number: Int, _ body: [UInt8]) {
        precondition(bodies[number] == nil, "object \(number) written twice")
        bodies[number] = body
    }

    func serialise(documentID: some Sequence<UInt8>) -> [UInt8] {
        let count = (bodies.keys.max() ?? 0) + 1
        var buffer = ByteBuffer(capacity: bodies.values.reduce(0) { $0 + $1.count + 30 } + count * 20 + 300)
        buffer.append("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n")
        var offsets = [Int](repeating: -1, count: count)
        for number in 1..<count {
            guard let body = bodies[number] else { continue }
            offsets[number] = buffer.count
            buffer.append(int: number)
            buffer.append(" 0 obj\n")
            buffer.append(body)
            buffer.append("\nendobj\n")
        }
        let xref = buffer.count
        buffer.append("xref\n0 \(count)\n0000000000 65535 f \n")
        for number in 1..<count {
            let offset = offsets[number]
            if offset < 0 {
                buffer.append("0000000000 65535 f \n")
            } else {
                let digits = String(offset)
                buffer.append(String(repeating: "0", count: 10 - digits.count) + digits)
                buffer.append(" 00000 n \n")
            }
        }
        buffer.append("trailer\n<< /Size \(count) /Root 1 0 R /Info 3 0 R /ID [<")
        let id = Array(documentID)
        buffer.append(hexBytes: id)
        buffer.append("> <")
        buffer.append(hexBytes: id)
        buffer.append(">] >>\nstartxref\n\(xref)\n%%EOF\n")
        return buffer.bytes
    }
}
