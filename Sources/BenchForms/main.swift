import FormLayout
import Foundation
import PDFExport

/// `scripts/bench-forms`: renders 2,000 varied forms through the bulk renderer (fonts loaded once, the fixed
/// texts' glyphs subset once) in one process on one thread, three times, and prints the median forms/s (wall
/// clock, and per CPU-second of the thread, which other jobs on a shared machine do not skew), the mean and
/// largest bytes per form excluding photo bytes, and the peak resident memory (VmHWM). The first run starts
/// with empty caches (shaped values, the per-glyph CFF library); `BENCH_FORMS=N` changes the number of forms.
///
/// `BenchForms --sample N OUT.pdf` writes sample form N instead (for looking at it).
let arguments = Array(CommandLine.arguments.dropFirst())
let photo = SampleForms.photo(folder: URL(fileURLWithPath: #filePath).deletingLastPathComponent())

let preparing = Date()
let renderer = try FormRenderer()
let preparation = Date().timeIntervalSince(preparing)

if arguments.first == "--sample", arguments.count == 3 {
    var form = SampleForms.form(Int(arguments[1]) ?? 0)
    if form.photoJPEG == nil, Int(arguments[1]).map({ $0 % 10 == 0 }) ?? false { form.photoJPEG = photo }
    try Data(renderer.render(form)).write(to: URL(fileURLWithPath: arguments[2]))
    exit(0)
}

let count = Int(ProcessInfo.processInfo.environment["BENCH_FORMS"] ?? "") ?? 2000
let forms = (0..<count).map { index in
    var form = SampleForms.form(index)
    if index % 10 == 0 { form.photoJPEG = photo }  // one candidate in ten uploaded a photo
    return form
}
let photoBytes = forms.reduce(0) { $0 + ($1.photoJPEG?.count ?? 0) }

/// CPU time of this thread: on a machine shared with other jobs, wall time also counts their turns.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

var rates: [Double] = []
var firstRun = 0.0
var cpuRates: [Double] = []
var totalBytes = 0
var largest = (bytes: 0, form: 0)
for _ in 0..<3 {
    totalBytes = 0
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = threadCPUSeconds()
    for (index, form) in forms.enumerated() {
        let bytes = try renderer.render(form).count
        totalBytes += bytes
        let own = bytes - (form.photoJPEG?.count ?? 0)
        if own > largest.bytes { largest = (own, index) }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    rates.append(Double(count) / seconds)
    if rates.count == 1 { firstRun = rates[0] }
    cpuRates.append(Double(count) / (threadCPUSeconds() - cpuStart))
}
rates.sort()
cpuRates.sort()

func peakMemoryKB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
}

print("forms: \(count) per run, 3 runs, one thread; fonts prepared once in \(String(format: "%.2f", preparation)) s; first run \(Int(firstRun.rounded())) forms/s (cold caches)")
print("forms/s (median of 3): \(Int(rates[1].rounded()))   [runs: \(rates.map { String(Int($0.rounded())) }.joined(separator: ", "))]")
print("forms per CPU-second of the rendering thread (median of 3): \(Int(cpuRates[1].rounded()))   (load average now: \(loadAverage()))")
print("bytes per form, excluding photo bytes: \((totalBytes - photoBytes) / count) mean, \(largest.bytes) largest (sample \(largest.form))   (photos in \(forms.filter { $0.photoJPEG != nil }.count) forms)")
print("peak memory (VmHWM): \(peakMemoryKB() / 1024) MB")

func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
}
