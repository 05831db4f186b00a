/// Just enough of the Compact Font Format (Adobe TN 5176) to take a CID-keyed CFF apart into glyphs and to
/// write one back: INDEX and DICT structures, charset and FDSelect.
enum CFF {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = "malformed CFF: \(description)" }
    }

    /// Reads big-endian numbers from a byte array, with bounds checks.
    struct Reader {
        let bytes: [UInt8]

        func byte(_ offset: Int) throws -> Int {
            guard offset >= 0, offset < bytes.count else { throw Failure("offset \(offset) beyond \(bytes.count) bytes") }
            return Int(bytes[offset])
        }

        func card(_ offset: Int, size: Int) throws -> Int {
            var value = 0
            for index in 0..<size { value = value << 8 | (try byte(offset + index)) }
            return value
        }

        /// The items of the INDEX at `offset`, and the offset just past it.
        func index(at offset: Int) throws -> (items: [ArraySlice<UInt8>], end: Int) {
            let count = try card(offset, size: 2)
            guard count > 0 else { return ([], offset + 2) }
            let offSize = try byte(offset + 2)
            guard (1...4).contains(offSize) else { throw Failure("INDEX offset size \(offSize)") }
            let offsetsStart = offset + 3
            let dataStart = offsetsStart + (count + 1) * offSize - 1
            var items: [ArraySlice<UInt8>] = []
            items.reserveCapacity(count)
            var previous = try card(offsetsStart, size: offSize)
            for item in 1...count {
                let next = try card(offsetsStart + item * offSize, size: offSize)
                guard next >= previous, dataStart + next <= bytes.count else { throw Failure("INDEX item out of range") }
                items.append(bytes[(dataStart + previous)..<(dataStart + next)])
                previous = next
            }
            return (items, dataStart + previous)
        }
    }

    /// One DICT entry: its operator (escaped operators as 1200 + second byte), operands, and raw bytes.
    struct DictEntry {
        let op: Int
        let operands: [Double]
        let raw: ArraySlice<UInt8>
    }

    static func parseDict(_ data: ArraySlice<UInt8>) throws -> [DictEntry] {
        var entries: [DictEntry] = []
        var operands: [Double] = []
        var index = data.startIndex
        var entryStart = index
        func need(_ count: Int) throws { guard index + count <= data.endIndex else { throw Failure("DICT operand cut short") } }
        while index < data.endIndex {
            let b0 = Int(data[index])
            switch b0 {
            case 0...21:
                var op = b0
                index += 1
                if b0 == 12 {
                    try need(1)
                    op = 1200 + Int(data[index])
                    index += 1
                }
                entries.append(DictEntry(op: op, operands: operands, raw: data[entryStart..<index]))
                operands = []
                entryStart = index
            case 28:
                try need(3)
                operands.append(Double(Int16(bitPattern: UInt16(data[index + 1]) << 8 | UInt16(data[index + 2]))))
                index += 3
            case 29:
                try need(5)
                let value = UInt32(data[index + 1]) << 24 | UInt32(data[index + 2]) << 16 | UInt32(data[index + 3]) << 8 | UInt32(data[index + 4])
                operands.append(Double(Int32(bitPattern: value)))
                index += 5
            case 30:
                // A real number: nibbles up to 0xF. Its value is not needed here, only its extent.
                index += 1
                while true {
                    try need(1)
                    let byte = data[index]
                    index += 1
                    if byte & 0x0F == 0x0F || byte >> 4 == 0x0F { break }
                }
                operands.append(0)
            case 32...246:
                operands.append(Double(b0 - 139))
                index += 1
            case 247...250:
                try need(2)
                operands.append(Double((b0 - 247) * 256 + Int(data[index + 1]) + 108))
                index += 2
            case 251...254:
                try need(2)
                operands.append(Double(-(b0 - 251) * 256 - Int(data[index + 1]) - 108))
                index += 2
            default:
                throw Failure("DICT byte \(b0)")
            }
        }
        return entries
    }

    /// Writes INDEX and DICT structures.
    struct Writer {
        var bytes: [UInt8] = []

        mutating func card16(_ value: Int) {
            bytes.append(UInt8(value >> 8 & 0xFF))
            bytes.append(UInt8(value & 0xFF))
        }

        mutating func index<C: Collection>(_ items: C) where C.Element: Collection<UInt8> {
            guard !items.isEmpty else { card16(0); return }
            card16(items.count)
            let total = items.reduce(0) { $0 + $1.count } + 1
            let offSize = total < 0x100 ? 1 : total < 0x10000 ? 2 : total < 0x1000000 ? 3 : 4
            bytes.append(UInt8(offSize))
            var offset = 1
            func put(_ value: Int) { for shift in stride(from: (offSize - 1) * 8, through: 0, by: -8) { bytes.append(UInt8(value >> shift & 0xFF)) } }
            put(offset)
            for item in items { offset += item.count; put(offset) }
            for item in items { bytes.append(contentsOf: item) }
        }

        /// The size of an INDEX of items of these lengths.
        static func indexSize(count: Int, dataLength: Int) -> Int {
            guard count > 0 else { return 2 }
            let total = dataLength + 1
            let offSize = total < 0x100 ? 1 : total < 0x10000 ? 2 : total < 0x1000000 ? 3 : 4
            return 3 + (count + 1) * offSize + dataLength
        }
    }

    /// A DICT integer operand; `fixed` uses the 5-byte form, so offsets can be written before they are known.
    static func operand(_ value: Int, fixed: Bool = false) -> [UInt8] {
        if !fixed {
            switch value {
            case -107...107: return [UInt8(value + 139)]
            case 108...1131: let v = value - 108; return [UInt8(v >> 8 + 247), UInt8(v & 0xFF)]
            case -1131 ... -108: let v = -value - 108; return [UInt8(v >> 8 + 251), UInt8(v & 0xFF)]
            case -32768...32767: return [28, UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
            default: break
            }
        }
        let v = UInt32(bitPattern: Int32(truncatingIfNeeded: value))
        return [29, UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
    }

    static func op(_ op: Int) -> [UInt8] {
        op >= 1200 ? [12, UInt8(op - 1200)] : [UInt8(op)]
    }
}
