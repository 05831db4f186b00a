import ArgumentParser
import Eligibility
import FormContent
import FormLayout
import Foundation
import PDFExport
import Vocabulary

struct Form: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "form",
        abstract: "Write the registration form (报名表) PDF of one application, or one PDF per line with --out-dir or --tar.",
        discussion: """
            Only an eligible application gets a form. The QR code carries the application number and a
            verification code under the form key (--key, else $BAOKAO_FORM_KEY, else the public demo key);
            `baokao verify-form` checks it. In bulk mode each PDF is named by the application's id, photos come
            from each application's `photo` (a path or base64 JPEG), and a line that fails is reported on
            stderr while the others are written (exit 1 at the end).
            """
    )

    @OptionGroup var rules: RulesOption

    @Option(help: "The candidate's photo (JPEG); overrides the application's `photo`.")
    var photo: String?

    @Option(name: .shortAndLong, help: "The PDF to write (one application).")
    var output: String?

    @Option(name: .customLong("out-dir"), help: "Bulk printing: a folder for one PDF per application line.")
    var outDirectory: String?

    @Option(name: .customLong("tar"), help: "Bulk printing into one tar archive of PDFs named by id (- for stdout): one file, not one per form.")
    var archive: String?

    @Option(help: "The form key for the QR verification code.")
    var key: String?

    @Option(name: .customLong("print-date"), help: "The date printed on the form, YYYY-MM-DD (default: today in China).")
    var printDate: String?

    @Argument(help: "The application (JSON), or JSON Lines with --out-dir; stdin when absent.")
    var input: String?

    func validate() throws {
        if [output, outDirectory, archive].compactMap({ $0 }).count != 1 {
            throw ValidationError("give exactly one of -o OUT.pdf (one application), --out-dir DIR or --tar FILE.tar (bulk)")
        }
        if let printDate, (try? CalendarDate.parse(printDate)) == nil {
            throw ValidationError("--print-date wants YYYY-MM-DD, got \(printDate)")
        }
    }

    func run() throws {
        let evaluator = Evaluator(rules: try rules.loadOrExit())
        let key = self.key ?? ProcessInfo.processInfo.environment["BAOKAO_FORM_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        if key == nil { FileOutput.standardError.write("baokao form: using the public demo form key; set BAOKAO_FORM_KEY\n") }
        let date = try printDate.map(CalendarDate.parse) ?? CalendarDate.today()
        let builder = FormContentBuilder(evaluator: evaluator, verifier: FormVerifier(key: key ?? FormVerifier.demoKey), printDate: date)
        let renderer: FormRenderer
        do {
            renderer = try FormRenderer()
        } catch {
            FileOutput.standardError.write("baokao form: cannot load the fonts of Fonts/fonts.yaml: \(error)\n")
            throw ExitCodes.ioFailure
        }
        if let output {
            try single(builder: builder, renderer: renderer, output: output)
        } else if let outDirectory {
            try bulk(builder: builder, renderer: renderer, folder: outDirectory)
        } else if let archive {
            try bulkArchive(builder: builder, renderer: renderer, path: archive, printDate: date)
        }
    }

    /// One application → one PDF.
    func single(builder: FormContentBuilder, renderer: FormRenderer, output: String) throws {
        let data: Data
        if let input {
            guard let contents = FileManager.default.contents(atPath: input) else {
                FileOutput.standardError.write("baokao form: cannot read \(input)\n")
                throw ExitCodes.ioFailure
            }
            data = contents
        } else {
            data = FileHandle.standardInput.readDataToEndOfFile()
        }
        switch produce(ApplicationDecoder.decode(Array(data)), builder: builder, renderer: renderer) {
        case .success(let pdf):
            if let problem = Form.write(pdf, to: output) {
                FileOutput.standardError.write("baokao form: cannot write \(output): \(problem)\n")
                throw ExitCodes.ioFailure
            }
            FileOutput.standardError.write("baokao form: wrote \(output) (\(pdf.count) bytes)\n")
        case .failure(let message):
            FileOutput.standardError.write("baokao form: \(message)\n")
            throw ExitCodes.inputWrong
        }
    }

    /// JSON Lines → one PDF per line, named by id, in one process (fonts loaded once).
    func bulk(builder: FormContentBuilder, renderer: FormRenderer, folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            FileOutput.standardError.write("baokao form: cannot create \(folder): \(error.localizedDescription)\n")
            throw ExitCodes.ioFailure
        }
        // Files are created relative to the folder's descriptor: the kernel does not walk the path for each.
        let directory = open(folder, O_RDONLY | O_DIRECTORY)
        guard directory >= 0 else {
            FileOutput.standardError.write("baokao form: cannot open \(folder): \(String(cString: strerror(errno)))\n")
            throw ExitCodes.ioFailure
        }
        defer { close(directory) }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        try forEachForm(builder: builder, renderer: renderer, into: folder) { name, pdf in
            let path = prefix + name + ".pdf"
            if let problem = Form.write(pdf, to: name + ".pdf", in: directory) { return "cannot write \(path): \(problem)" }
            print(path)
            return nil
        }
    }

    /// JSON Lines → one tar archive of PDFs named by id (`-`: stdout), written under a temporary name and
    /// renamed into place once complete.
    func bulkArchive(builder: FormContentBuilder, renderer: FormRenderer, path: String, printDate: CalendarDate) throws {
        let temporary = path + ".part"
        let descriptor = path == "-" ? 1 : open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            FileOutput.standardError.write("baokao form: cannot create \(temporary): \(String(cString: strerror(errno)))\n")
            throw ExitCodes.ioFailure
        }
        // Entries are dated with the print date (midnight UTC): the same input gives the same archive.
        let days = printDate.daysSince1970
        var archive = TarWriter(descriptor: descriptor, modified: days * 86_400)
        var complete = false
        defer {
            if descriptor != 1 {
                close(descriptor)
                if !complete { unlink(temporary) }
            }
        }
        try forEachForm(builder: builder, renderer: renderer, into: path == "-" ? "stdout" : path) { name, pdf in
            do { try archive.append(name: name + ".pdf", contents: pdf) } catch { return "cannot write \(path): \(error)" }
            return nil
        } finish: {
            do { try archive.finish() } catch { return "cannot write \(path): \(error)" }
            if descriptor != 1, rename(temporary, path) != 0 { return "cannot rename \(temporary): \(String(cString: strerror(errno)))" }
            complete = true
            return nil
        }
    }

    /// Reads the input's JSON Lines and hands each printed PDF to `store` (which returns a problem, or nil);
    /// a line that fails is reported on stderr and the others go on; `finish` runs once all are stored.
    func forEachForm(
        builder: FormContentBuilder, renderer: FormRenderer, into destination: String,
        store: (_ name: String, _ pdf: [UInt8]) -> String?, finish: () -> String? = { nil }
    ) throws {
        let descriptor: Int32 = input.map { open($0, O_RDONLY) } ?? 0
        guard descriptor >= 0 else {
            FileOutput.standardError.write("baokao form: cannot open \(input!): \(String(cString: strerror(errno)))\n")
            throw ExitCodes.ioFailure
        }
        defer { if descriptor != 0 { close(descriptor) } }
        var written = 0, failed = 0
        var writeError: String?
        let ok = LineReader(descriptor: descriptor).forEachLine { line, number in
            guard writeError == nil, line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
            let decoded = ApplicationDecoder.decode(line)
            let name = Form.fileName(for: decoded, line: number)
            switch produce(decoded, builder: builder, renderer: renderer) {
            case .success(let pdf):
                writeError = store(name, pdf)
                if writeError == nil { written += 1 }
            case .failure(let message):
                failed += 1
                FileOutput.standardError.write("baokao form: line \(number) (\(name)): \(message)\n")
            }
        }
        if ok, writeError == nil { writeError = finish() }
        if let writeError {
            FileOutput.standardError.write("baokao form: \(writeError)\n")
            throw ExitCodes.ioFailure
        }
        guard ok else { throw ExitCodes.ioFailure }
        FileOutput.standardError.write("baokao form: \(written) form(s) written to \(destination)\(failed > 0 ? ", \(failed) application(s) refused" : "")\n")
        if failed > 0 { throw ExitCodes.inputWrong }
    }

    /// The PDF of one decoded application, or why not.
    func produce(_ decoded: Result<Application, DecodingFailure>, builder: FormContentBuilder, renderer: FormRenderer) -> Result<[UInt8], FormFailure> {
        let application: Application
        switch decoded {
        case .success(let app): application = app
        case .failure(let failure): return .failure(FormFailure("\(failure.error.path): \(failure.error.message) [\(failure.error.code)]"))
        }
        let photoBytes: [UInt8]?
        switch Form.photoBytes(self.photo ?? application.photo) {
        case .success(let bytes): photoBytes = bytes
        case .failure(let failure): return .failure(failure)
        }
        switch builder.form(for: application, photo: photoBytes) {
        case .failure(let failure): return .failure(FormFailure(failure.message))
        case .success(let form):
            do {
                return .success(try renderer.render(form))
            } catch {
                return .failure(FormFailure("the form cannot be printed: \(error)"))
            }
        }
    }

    /// Writes a PDF under a temporary name and renames it into place, so a reader never sees half a form:
    /// four system calls (open, write, close, rename). No fsync: a form can be printed again, and bulk printing
    /// thousands must not wait on the disk for each. `path` is relative to `directory` (a descriptor from
    /// `open(…, O_DIRECTORY)`, or `AT_FDCWD`). Returns the problem, or nil.
    static func write(_ bytes: [UInt8], to path: String, in directory: Int32 = AT_FDCWD) -> String? {
        let temporary = path + ".part"
        let fd = openat(directory, temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let problem = String(cString: strerror(errno))
                close(fd)
                unlinkat(directory, temporary, 0)
                return problem
            }
            offset += n
        }
        guard close(fd) == 0, renameat(directory, temporary, directory, path) == 0 else {
            let problem = String(cString: strerror(errno))
            unlinkat(directory, temporary, 0)
            return problem
        }
        return nil
    }

    struct FormFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A photo given as a path to a JPEG, or as base64 of one.
    static func photoBytes(_ reference: String?) -> Result<[UInt8]?, FormFailure> {
        guard let reference, !reference.isEmpty else { return .success(nil) }
        if FileManager.default.fileExists(atPath: reference) {
            guard let data = FileManager.default.contents(atPath: reference) else {
                return .failure(FormFailure("photo: cannot read \(reference)"))
            }
            return .success(Array(data))
        }
        let lower = reference.lowercased()
        if reference.count < 512, lower.hasSuffix(".jpg") || lower.hasSuffix(".jpeg") || reference.hasPrefix("/") || reference.hasPrefix(".") {
            return .failure(FormFailure("photo: no such file \(reference)"))
        }
        let base64 = reference.hasPrefix("data:") ? String(reference.drop { $0 != "," }.dropFirst()) : reference
        guard let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters), !data.isEmpty else {
            return .failure(FormFailure("photo: \(reference.prefix(60)) is neither a readable file nor base64 JPEG data"))
        }
        return .success(Array(data))
    }

    /// The PDF's name: the application's id with anything unsafe in a file name replaced, else `line-N`.
    static func fileName(for decoded: Result<Application, DecodingFailure>, line: Int) -> String {
        var id: String?
        if case .success(let app) = decoded {
            switch app.id {
            case .string(let s)?: id = s
            case .number(let n)?: id = n
            case nil: id = nil
            }
        }
        // Most ids are ASCII: the same rule byte by byte, without Characters and Foundation's trimming.
        if let id, !id.isEmpty, id.utf8.count <= 100, id.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes = id.utf8.map { byte -> UInt8 in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): byte
                default: UInt8(ascii: "_")
                }
            }
            while bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
            let start = bytes.firstIndex { $0 != UInt8(ascii: ".") } ?? bytes.endIndex
            return start == bytes.endIndex ? "line-\(line)" : String(decoding: bytes[start...], as: UTF8.self)
        }
        let safe = (id ?? "").map { c -> Character in
            c.isLetter || c.isNumber || c == "-" || c == "_" || c == "." ? c : "_"
        }
        let name = String(safe).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return name.isEmpty ? "line-\(line)" : String(name.prefix(100))
    }
}

private extension CalendarDate {
    /// Days from 1970-01-01 (Howard Hinnant's days_from_civil).
    var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
