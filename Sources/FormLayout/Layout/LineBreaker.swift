/// Breaks shaped text into lines of a given width, following the basic rules of Chinese typesetting (禁则):
/// no line starts with closing punctuation, no line ends with opening punctuation. Chinese text may break
/// between any two characters; a run of Latin letters and digits (an e-mail address, an ID number) breaks only
/// where it must, at its end or, when it is wider than the line, at the last character that fits.
public enum LineBreaker {
    /// Characters that must not start a line.
    static let closing: Set<Unicode.Scalar> = Set("，。、；：？！）」』》〉】〕］｝”’…·—,.;:?!)]}%".unicodeScalars)
    /// Characters that must not end a line.
    static let opening: Set<Unicode.Scalar> = Set("（「『《〈【〔［｛“‘([{".unicodeScalars)

    /// Lines of clusters, each at most `width` em wide (at size 1) unless one cluster alone is wider.
    public static func lines(_ clusters: [ShapedCluster], width: Double, firstLineIndent: Double = 0) -> [[ShapedCluster]] {
        var lines: [[ShapedCluster]] = []
        var current: [ShapedCluster] = []
        var currentWidth = firstLineIndent
        var available = width

        func finish() {
            while let last = current.last, last.isSpace { current.removeLast() }
            lines.append(current)
            current = []
            currentWidth = 0
            available = width
        }

        for cluster in clusters {
            if cluster.isHardBreak {
                finish()
                continue
            }
            if current.isEmpty, cluster.isSpace, !lines.isEmpty { continue }  // no leading blanks on a wrapped line
            if currentWidth + cluster.width <= available + 1e-9 || current.isEmpty || cluster.isSpace {
                current.append(cluster)
                currentWidth += cluster.width
                continue
            }
            // The cluster does not fit: break at the last allowed place, carrying what follows it.
            let breakIndex = lastBreak(in: current, before: cluster)
            let carried = breakIndex.map { Array(current[$0...]) } ?? []
            if breakIndex != nil { current.removeLast(carried.count) }
            finish()
            for item in carried where !(current.isEmpty && item.isSpace) {
                current.append(item)
                currentWidth += item.width
            }
            current.append(cluster)
            currentWidth += cluster.width
            // A carried run can itself be too wide (one long word): break it where it must.
            while currentWidth > available + 1e-9, current.count > 1 {
                var fitting = 0
                var used = 0.0
                while fitting < current.count, used + current[fitting].width <= available + 1e-9 {
                    used += current[fitting].width
                    fitting += 1
                }
                fitting = max(1, fitting)
                let rest = Array(current[fitting...])
                current.removeLast(rest.count)
                finish()
                current = rest
                currentWidth = rest.reduce(0) { $0 + $1.width }
            }
        }
        if !current.isEmpty || lines.isEmpty { finish() }
        return lines
    }

    /// The index in `line` where a new line may begin, so that `next` follows on the new line; nil when the
    /// only choice is to break right before `next`.
    static func lastBreak(in line: [ShapedCluster], before next: ShapedCluster) -> Int? {
        var index = line.count  // a break right before `next`
        while index > 0 {
            let before = line[index - 1]
            let after = index < line.count ? line[index] : next
            if allowsBreak(between: before, and: after) {
                return index == line.count ? nil : index
            }
            index -= 1
        }
        // No allowed break: the line is one unbreakable run; break before `next`.
        return nil
    }

    static func allowsBreak(between before: ShapedCluster, and after: ShapedCluster) -> Bool {
        if after.isSpace { return false }
        if before.isSpace { return true }
        guard let last = before.text.unicodeScalars.last, let first = after.text.unicodeScalars.first else { return true }
        if closing.contains(first) || opening.contains(last) { return false }
        if isWordCharacter(last) && isWordCharacter(first) { return false }
        return true
    }

    /// Latin letters, digits and the punctuation inside addresses and numbers keep together.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "@.-_+/:#&'".unicodeScalars.contains(scalar) }
        return scalar.properties.isAlphabetic && !isCJK(scalar)
    }

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x3FFFF: return true
        default: return false
        }
    }
}
