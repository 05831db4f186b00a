/// The registration service: JSON-RPC 2.0 over stdin/stdout.
///
/// 1. `StdioLoop` reads stdin with blocking reads on a thread of its own; `LineFramer` cuts lines (16 MiB at
///    most, `\r\n` tolerated, a last line without newline kept), parsed there while transactions run.
/// 2. `BaokaoService` parses each line (`JSONParser`), checks the JSON-RPC envelope, finds the method in the
///    `MethodRegistry`, and runs it in one transaction of the `Store` (Persistence).
/// 3. The method (`RPCMethod`: wire name, `Params`, `Result`) validates through the Vocabulary, refuses with a
///    `DomainError`, or commits its effects and an audit row; only then is the answer written (by the loop's
///    writing thread, in input order).
public enum ServiceModule {}
