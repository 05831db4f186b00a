import Eligibility
import Foundation
import Rules
import Vocabulary

/// `BenchEligibility generate RULES COUNT SEED` writes a corpus to stdout;
/// `BenchEligibility measure RULES CORPUS [EVALUATIONS]` measures in-process evaluation on one core;
/// `BenchEligibility profile RULES CORPUS EVALUATIONS all|eligible|ineligible|json` runs one stage alone, for
/// `perf record`.
let arguments = CommandLine.arguments
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(64)
}
guard arguments.count >= 3 else { fail("usage: BenchEligibility generate RULES COUNT SEED | measure RULES CORPUS [EVALUATIONS]") }
let load = RuleLoader(root: URL(fileURLWithPath: arguments[2]), displayRoot: arguments[2]).load()
guard let rules = load.ruleSet else { fail("the rules have errors; run baokao check") }

/// CPU time of this process: the benchmark runs on one core, and other work on the machine does not
/// distort a CPU-time rate the way it distorts wall-clock time.
func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// The first `count` lines of a file, as bytes, read in blocks: the sample, without the whole corpus in
/// memory (a 1M corpus is 715 MB).
func firstLines(of path: String, count: Int = 100_000) -> [[UInt8]] {
    guard let file = FileHandle(forReadingAtPath: path) else { fail("cannot open \(path)") }
    var lines: [[UInt8]] = []
    var pending: [UInt8] = []
    while lines.count < count, let block = try? file.read(upToCount: 1 << 22), !block.isEmpty {
        pending += block
        var start = pending.startIndex
        while lines.count < count, let newline = pending[start...].firstIndex(of: 0x0A) {
            lines.append(Array(pending[start..<newline]))
            start = newline + 1
        }
        pending.removeSubrange(..<start)
    }
    if lines.count < count, !pending.isEmpty { lines.append(pending) }
    return lines
}

func peakMemoryMB() -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    return Double(line.split(separator: " ").dropFirst().first ?? "0").map { $0 / 1024 } ?? 0
}

switch arguments[1] {
case "generate":
    guard arguments.count == 5, let count = Int(arguments[3]), let seed = UInt64(arguments[4]) else { fail("generate RULES COUNT SEED") }
    var generator = CorpusGenerator(rules: rules, seed: seed)
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 20)
    for i in 0..<count {
        buffer += generator.line(i)
        if buffer.count > 1 << 20 {
            FileHandle.standardOutput.write(Data(buffer))
            buffer.removeAll(keepingCapacity: true)
        }
    }
    FileHandle.standardOutput.write(Data(buffer))

case "measure":
    guard arguments.count >= 4 else { fail("measure RULES CORPUS [EVALUATIONS]") }
    let evaluations = arguments.count > 4 ? Int(arguments[4]) ?? 1_000_000 : 1_000_000
    let lines = firstLines(of: arguments[3])
    let evaluator = Evaluator(rules: rules)
    var decoded = 0
    var cases: [Case] = []
    for line in lines {
        guard case .success(let app) = ApplicationDecoder.decode(line) else { continue }
        decoded += 1
        if let c = try? evaluator.prepare(app) { cases.append(c) }
    }
    print("sample: \(decoded) applications (\(cases.count) evaluable), \(evaluations) evaluations per run")

    func median(_ runs: Int, _ body: () -> Int) -> (rate: Double, eligible: Int) {
        var rates: [Double] = []
        var eligible = 0
        for _ in 0..<runs {
            let start = now()
            eligible = body()
            rates.append(Double(evaluations) / (now() - start))
        }
        return (rates.sorted()[runs / 2], eligible)
    }
    /// `decide` on `sample`, round after round: the median rate of three runs, and how many were eligible.
    func decideRate(_ sample: [Case]) -> (rate: Double, eligible: Int) {
        median(3) {
            var eligible = 0
            for i in 0..<evaluations where evaluator.decide(sample[i % sample.count]).eligible { eligible += 1 }
            return eligible
        }
    }
    let decide = decideRate(cases)
    print(String(format: "in-process decide (prepared cases):        %10.0f evaluations/s  (%d eligible)", decide.rate, decide.eligible))
    // The same, on a sample small enough to stay in the processor's cache — as a case is when it is
    // decided right after being prepared. The 100k sample above is mostly waiting on memory.
    print(String(format: "  1,000 of them, held in cache:             %10.0f evaluations/s", decideRate(Array(cases.prefix(1000))).rate))
    let eligibleCases = cases.filter { evaluator.decide($0).eligible }
    let ineligibleCases = cases.filter { !evaluator.decide($0).eligible }
    for (label, subset) in [("eligible", eligibleCases), ("ineligible", ineligibleCases)] where !subset.isEmpty {
        print(String(format: "  of which %-10@ cases only:               %10.0f evaluations/s", label as NSString, decideRate(subset).rate))
        // In cache too: what the memory costs each kind (waiting on it, or on the work).
        print(String(format: "    1,000 of them, held in cache:             %10.0f evaluations/s", decideRate(Array(subset.prefix(1000))).rate))
    }
    // What `baokao eval` does per line, without the file and the output: read the JSON bytes, validate and
    // resolve, decide.
    let evaluate = median(3) {
        var eligible = 0
        for i in 0..<evaluations {
            let verdict = lines[i % lines.count].withUnsafeBufferPointer { evaluator.evaluate(json: $0) }
            if case .success(let v) = verdict, v.eligible { eligible += 1 }
        }
        return eligible
    }
    print(String(format: "in-process evaluate (JSON line → verdict):  %10.0f evaluations/s", evaluate.rate))
    print(String(format: "peak memory (in-process, 100k sample held): %10.1f MB", peakMemoryMB()))

case "profile":
    // Nothing but `decide` after the cases are prepared, so a profile shows the decision alone; or, with
    // `json`, nothing but evaluate(json:) on the lines (reading, preparing and deciding).
    guard arguments.count == 6, let evaluations = Int(arguments[4]) else { fail("profile RULES CORPUS EVALUATIONS all|eligible|ineligible|json") }
    let evaluator = Evaluator(rules: rules)
    if arguments[5] == "json" {
        let lines = firstLines(of: arguments[3])
        let start = now()
        var eligible = 0
        for i in 0..<evaluations {
            if case .success(let v) = lines[i % lines.count].withUnsafeBufferPointer({ evaluator.evaluate(json: $0) }), v.eligible { eligible += 1 }
        }
        print(String(format: "evaluate(json:): %.0f evaluations/s (%d eligible)", Double(evaluations) / (now() - start), eligible))
        exit(0)
    }
    var cases: [Case] = []
    for line in try String(contentsOfFile: arguments[3], encoding: .utf8).split(separator: "\n") {
        guard case .success(let app) = ApplicationDecoder.decode(Array(line.utf8)), let c = try? evaluator.prepare(app) else { continue }
        switch arguments[5] {
        case "eligible": if evaluator.decide(c).eligible { cases.append(c) }
        case "ineligible": if !evaluator.decide(c).eligible { cases.append(c) }
        default: cases.append(c)
        }
        if cases.count == 100_000 { break }
    }
    let start = now()
    var eligible = 0
    for i in 0..<evaluations where evaluator.decide(cases[i % cases.count]).eligible { eligible += 1 }
    print(String(format: "decide %@: %.0f evaluations/s (%d eligible)", arguments[5], Double(evaluations) / (now() - start), eligible))

default:
    fail("unknown command \(arguments[1])")
}
