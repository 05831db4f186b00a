import CommandSupport
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
            verification code under the form key ($BAOKAO_FORM_KEY or --key; without one the command refuses
            to start unless --demo asks for the public demo key); `baokao verify-form` checks it. In bulk mode
            each PDF is named by the application's id, photos come from each application's `photo` (base64 JPEG,
            or a path under the input file's folder or --photos DIR), and a line that fails is reported on
            stderr while the others are written (exit 1 at the end).
            """
    )

    @OptionGroup var rules: RulesOption

    @Option(help: "The candidate's photo (JPEG); overrides the application's `photo`.")
    var photo: String?

    @Option(help: "A folder the applications' `photo` paths may point into, besides the input file's own folder.")
    var photos: String?

    @Option(name: .shortAndLong, help: "The PDF to write (one application).")
    var output: String?

    @Option(name: .customLong("out-dir"), help: "Bulk printing: a folder for one PDF per application line.")
    var outDirectory: String?

    @Option(name: .customLong("tar"), help: "Bulk printing into one tar archive of PDFs named by id (- for stdout): one file, not one per form.")
    var archive: String?

    @Option(help: "The form key for the QR verification code (default: $BAOKAO_FORM_KEY).")
    var key: String?

    @Flag(help: "Without a form key, sign with the public demo key (demonstrations and tests only: anyone can forge such a QR code).")
    var demo = false

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
        let key = try SecretSources.formKey(option: self.key, demo: demo, command: "baokao form", demoKey: FormVerifier.demoKey)
        FileOutput.standardError.write("baokao form: form key from \(key.source)\n")
        let photos: PhotoSource
        switch PhotoSource.folders(input: input, photos: self.photos) {
        case .success(let source): photos = source
        case .failure(let failure):
            FileOutput.standardError.write("baokao form: \(failure)\n")
            throw ExitCodes.usage
        }
        let date = try printDate.map(CalendarDate.parse) ?? CalendarDate.today()
        let builder = FormContentBuilder(evaluator: evaluator, verifier: FormVerifier(key: key.value), printDate: date)
        let renderer: FormRenderer
        do {
            renderer = try FormRenderer()
        } catch {
            FileOutput.standardError.write("baokao form: cannot load the fonts of Fonts/fonts.yaml: \(error)\n")
            throw ExitCodes.ioFailure
        }
        let producer = FormProducer(builder: builder, renderer: renderer, photoOption: photo, photos: photos)
        if let output {
            try single(producer: producer, output: output)
        } else if let outDirectory {
            try bulk(producer: producer, folder: outDirectory)
        } else if let archive {
            try bulkArchive(producer: producer, path: archive, printDate: date)
        }
    }

    /// One application → one PDF.
    func single(producer: FormProducer, output: String) throws {
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
        switch producer.produce(ApplicationDecoder.decode(Array(data))) {
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
    func bulk(producer: FormProducer, folder: String) throws {
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
        try forEachForm(producer: producer, into: folder) { name, pdf in
            let path = prefix + name + ".pdf"
            if let problem = Form.write(pdf, to: name + ".pdf", in: directory) { return "cannot write \(path): \(problem)" }
            print(path)
            return nil
        }
    }

    /// JSON Lines → one tar archive of PDFs named by id (`-`: stdout), written under a temporary name and
    /// renamed into place once complete.
    func bulkArchive(producer: FormProducer, path: String, printDate: CalendarDate) throws {
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
        try forEachForm(producer: producer, into: path == "-" ? "stdout" : path) { name, pdf in
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
        producer: FormProducer, into destination: String,
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
            switch producer.produce(decoded) {
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

/// Decoded applications → PDFs: the form content, the photo (the `--photo` option, else the line's own
/// `photo` within the allowed folders) and the renderer.
struct FormProducer {
    let builder: FormContentBuilder
    let renderer: FormRenderer
    let photoOption: String?
    let photos: PhotoSource

    /// The PDF of one decoded application, or why not.
    func produce(_ decoded: Result<Application, DecodingFailure>) -> Result<[UInt8], Form.FormFailure> {
        let application: Application
        switch decoded {
        case .success(let app): application = app
        case .failure(let failure): return .failure(Form.FormFailure("\(failure.error.path): \(failure.error.message) [\(failure.error.code)]"))
        }
        let photoBytes: [UInt8]?
        switch photoOption.map(PhotoSource.bytes(option:)) ?? photos.bytes(field: application.photo) {
        case .success(let bytes): photoBytes = bytes
        case .failure(let failure): return .failure(failure)
        }
        switch builder.form(for: application, photo: photoBytes) {
        case .failure(let failure): return .failure(Form.FormFailure(failure.message))
        case .success(let form):
            do {
                return .success(try renderer.render(form))
            } catch {
                return .failure(Form.FormFailure("the form cannot be printed: \(error)"))
            }
        }
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
