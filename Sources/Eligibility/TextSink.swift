import Vocabulary

/// Where a message is rendered: a `String` when a caller reads it, or the JSON writer's bytes when a
/// verdict is written. Verdicts keep the values a message names rather than its text, because most
/// verdicts are written once and never read: the text then goes straight into the output.
protocol TextSink {
    mutating func put(_ text: String)
    mutating func put(_ number: Int)
}

/// A piece of a message: text or a number.
protocol TextPiece {
    func write<S: TextSink>(to sink: inout S)
}

/// Something that renders a message into a sink, e.g. a reason's text.
protocol RenderedText {
    func write<S: TextSink>(to sink: inout S)
}

extension RenderedText {
    /// The message as a `String`, for callers that read it.
    var rendered: String {
        var text = ""
        write(to: &text)
        return text
    }
}

extension String: TextPiece {
    func write<S: TextSink>(to sink: inout S) { sink.put(self) }
}

extension Int: TextPiece {
    func write<S: TextSink>(to sink: inout S) { sink.put(self) }
}

/// A date as ``CalendarDate/chinese`` writes it (`2026年12月31日`, `2015年7月`), in pieces: the
/// interpolated `String` cost a few thousand instructions per message.
struct ChineseDate: TextPiece, RenderedText {
    let date: CalendarDate

    init(_ date: CalendarDate) { self.date = date }

    func write<S: TextSink>(to sink: inout S) {
        sink.write(date.year, "年", date.month, "月")
        if date.hasDay { sink.write(date.day, "日") }
    }
}

extension TextSink {
    /// `sink.write("第", index + 1, "条学历")`: the pieces in order, like an interpolation, without a
    /// `String` in between.
    mutating func write<each P: TextPiece>(_ pieces: repeat each P) {
        repeat (each pieces).write(to: &self)
    }

    /// `names.joined(separator:)`, written in place.
    mutating func write(_ names: [String], joinedBy separator: String) {
        for (i, name) in names.enumerated() {
            if i > 0 { put(separator) }
            put(name)
        }
    }
}

extension String: TextSink {
    mutating func put(_ text: String) { append(text) }
    mutating func put(_ number: Int) { append(String(number)) }
}
