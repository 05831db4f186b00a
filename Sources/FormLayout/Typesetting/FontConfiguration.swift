import Foundation
import Yams

/// The faces of `Fonts/fonts.yaml`, in fallback order.
public struct FontConfiguration: Hashable, Sendable {
    public struct Face: Hashable, Sendable, Decodable {
        public var name: String
        /// Absolute, or relative to the folder of the configuration file.
        public var path: String
        /// The face inside a collection (.ttc); 0 for a single font.
        public var index: Int

        public init(name: String, path: String, index: Int = 0) {
            self.name = name
            self.path = path
            self.index = index
        }

        enum CodingKeys: String, CodingKey { case name, path, index }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            path = try container.decode(String.self, forKey: .path)
            index = try container.decodeIfPresent(Int.self, forKey: .index) ?? 0
        }
    }

    public var faces: [Face]

    public init(faces: [Face]) {
        self.faces = faces
    }

    private struct File: Decodable { var faces: [Face] }

    /// Reads a configuration file; relative face paths are resolved against its folder.
    public static func load(from url: URL) throws -> FontConfiguration {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw FontError.configuration("cannot read the font configuration \(url.path): \(error.localizedDescription)")
        }
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: text)
        } catch {
            throw FontError.configuration("\(url.path): not a valid font configuration (\(error)); expected `faces:` with `name`, `path`, `index`")
        }
        guard !file.faces.isEmpty else {
            throw FontError.configuration("\(url.path): `faces` is empty; list at least the primary CJK face")
        }
        let folder = url.deletingLastPathComponent()
        return FontConfiguration(faces: file.faces.map { face in
            var resolved = face
            if !face.path.hasPrefix("/") { resolved.path = folder.appendingPathComponent(face.path).path }
            return resolved
        })
    }

    /// `$BAOKAO_FONTS` (a fonts.yaml), else the first `Fonts/fonts.yaml` found walking up from the executable,
    /// else from the working directory.
    public static func defaultURL() -> URL? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["BAOKAO_FONTS"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let starts = [
            URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent(),
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        ]
        for start in starts {
            var folder = start.standardizedFileURL
            while true {
                let candidate = folder.appendingPathComponent("Fonts/fonts.yaml")
                if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return nil
    }
}

/// Why fonts could not be loaded or a text could not be set.
public enum FontError: Error, Hashable, Sendable, CustomStringConvertible {
    case configuration(String)
    case unreadableFont(path: String, reason: String)
    /// No configured face has this character.
    case missingCharacter(Character, codePoint: String)
    case shapingFailed(String)

    public var description: String {
        switch self {
        case .configuration(let message): message
        case .unreadableFont(let path, let reason): "cannot load the font \(path): \(reason)"
        case .missingCharacter(let character, let codePoint):
            "no configured font has the character “\(character)” (\(codePoint)); add a face that covers it to Fonts/fonts.yaml"
        case .shapingFailed(let message): "text shaping failed: \(message)"
        }
    }
}
