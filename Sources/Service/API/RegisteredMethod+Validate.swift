import Vocabulary

extension RegisteredMethod {
    /// What reading a call's params found.
    public struct ParamCheck: Sendable {
        /// Whether the call would have to pass a captcha first (when the service has captchas on).
        public let asksCaptcha: Bool
    }

    /// Reads `params` as the method would, and only that: no captcha is checked, nothing is prepared or read
    /// from a database. Throws the `-32602` the method would answer; notes the members read in `readLog`.
    /// The published API's tests hold the catalogue's example params (and its captcha column) to the real
    /// parsers through it.
    @discardableResult
    public func validate(params: JSONValue?, today: CalendarDate = .today(), readLog: ParamReadLog? = nil) throws(RPCError) -> ParamCheck {
        ParamCheck(asksCaptcha: try parse(try ParamReader(params, today: today, readLog: readLog)))
    }
}
