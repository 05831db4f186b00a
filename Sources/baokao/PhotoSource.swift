import Foundation

/// Where the photo of a form comes from: the `--photo` option (the operator's own argument, any path), or
/// the `photo` field of an input line — base64 of a JPEG, or a path that must lie under the input file's
/// folder or a `--photos DIR`.
///
/// Input lines come from elsewhere (an export, another office's file): a `photo` of `/etc/shadow` or
/// `../../secret.jpg` must not make `baokao form` read, or even probe, a file the operator never offered.
/// A path is checked as written first (no file is touched when it points outside), then with its
/// symbolic links resolved (a link inside the folder may not lead out of it).
struct PhotoSource {
    /// Canonical absolute folders a `photo` path may lie under; relative paths are tried against each in turn.
    let folders: [String]

    /// The folders: the input file's own folder (none when reading stdin) and `--photos`, each as a real path.
    static func folders(input: String?, photos: String?) -> Result<PhotoSource, Form.FormFailure> {
        var folders: [String] = []
        if let input, input != "-" {
            let folder = URL(fileURLWithPath: input).deletingLastPathComponent().path
            if let real = realPath(folder) { folders.append(real) }
        }
        if let photos {
            guard let real = realPath(photos), isFolder(real) else {
                return .failure(Form.FormFailure("--photos \(photos): no such folder"))
            }
            folders.append(real)
        }
        return .success(PhotoSource(folders: folders))
    }

    /// The bytes the `photo` field names, or an error naming the field.
    func bytes(field reference: String?) -> Result<[UInt8]?, Form.FormFailure> {
        guard let reference, !reference.isEmpty else { return .success(nil) }
        guard PhotoSource.isPath(reference) else { return PhotoSource.base64(reference) }
        guard !folders.isEmpty else {
            return .failure(Form.FormFailure("photo: \(reference) is a path, but reading stdin there is no input folder; pass --photos DIR or give the photo as base64"))
        }
        let candidates = reference.hasPrefix("/") ? [reference] : folders.map { $0 + "/" + reference }
        var outside = false
        for candidate in candidates {
            guard inside(PhotoSource.lexical(candidate)) else { outside = true; continue }
            guard let real = PhotoSource.realPath(candidate) else { continue }
            guard inside(real) else { outside = true; continue }
            guard let data = FileManager.default.contents(atPath: real) else { return .failure(Form.FormFailure("photo: cannot read \(reference)")) }
            return .success(Array(data))
        }
        let allowed = folders.joined(separator: ", ")
        if outside {
            return .failure(Form.FormFailure("photo: \(reference) is outside the folders photos are read from (\(allowed)); put it there, pass --photos DIR, or give base64"))
        }
        return .failure(Form.FormFailure("photo: no such file \(reference) under \(allowed)"))
    }

    /// A photo given on the command line (`--photo`): the operator's own path, read as given, or base64.
    static func bytes(option reference: String) -> Result<[UInt8]?, Form.FormFailure> {
        if isPath(reference) {
            guard let data = FileManager.default.contents(atPath: reference) else { return .failure(Form.FormFailure("photo: cannot read \(reference)")) }
            return .success(Array(data))
        }
        return base64(reference)
    }

    /// Short text is a path: the base64 of the smallest photo the form accepts is far longer than 512 characters.
    static func isPath(_ reference: String) -> Bool {
        !reference.hasPrefix("data:") && reference.utf8.count < 512
    }

    static func base64(_ reference: String) -> Result<[UInt8]?, Form.FormFailure> {
        let base64 = reference.hasPrefix("data:") ? String(reference.drop { $0 != "," }.dropFirst()) : reference
        guard let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters), !data.isEmpty else {
            return .failure(Form.FormFailure("photo: \(reference.prefix(60))… is neither a path nor base64 JPEG data"))
        }
        return .success(Array(data))
    }

    private func inside(_ path: String) -> Bool {
        folders.contains { path.hasPrefix($0 == "/" ? "/" : $0 + "/") }
    }

    /// `.` and `..` removed by reading the path, without touching the file system.
    static func lexical(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
