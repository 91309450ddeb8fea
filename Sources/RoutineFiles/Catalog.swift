import Foundation
import RoutineKit

/// Where a routine came from.
public enum RoutineSource: Sendable, Equatable {
    case builtIn
    case user(path: String)
    case file(path: String)
}

public struct CatalogEntry: Sendable {
    public var routine: Routine
    public var source: RoutineSource
    /// The file it was read from.
    public var path: String?
    public init(routine: Routine, source: RoutineSource, path: String? = nil) {
        self.routine = routine
        self.source = source
        switch source {
        case .user(let p), .file(let p): self.path = p
        case .builtIn: self.path = path
        }
    }
}

/// A routine name the catalog does not know.
public struct UnknownRoutine: Error, CustomStringConvertible {
    public var name: String
    public var known: [String]
    public var description: String {
        "unknown routine '\(name)'; available: \(known.joined(separator: ", ")) (or give a path to a .yaml file)"
    }
}

/// Finds routines: the built-in ones shipped in the resource bundle, and the runner's own in
/// `<config>/runcore/routines/*.yaml`. A user routine with the same id as a built-in one replaces it.
public struct Catalog: Sendable {
    private let builtInSource: BuiltIn
    public var userDirectory: URL?

    /// Where the built-in routines are: a given folder, or this module's resource bundle, looked for only when
    /// a built-in routine is wanted (a session of a routine file never opens the bundle).
    private enum BuiltIn: Sendable {
        case bundle
        case folder(URL?)
    }

    /// The built-in routines from `builtInDirectory` (nil: none).
    public init(builtInDirectory: URL?, userDirectory: URL?) {
        builtInSource = .folder(builtInDirectory)
        self.userDirectory = userDirectory
    }

    /// The built-in routines from the resource bundle.
    public init(userDirectory: URL?) {
        builtInSource = .bundle
        self.userDirectory = userDirectory
    }

    public var builtInDirectory: URL? {
        switch builtInSource {
        case .bundle: return Self.bundledRoutines
        case .folder(let url): return url
        }
    }

    /// The `routines` folder inside this module's resource bundle.
    public static let bundledRoutines: URL? = Bundle.module.url(forResource: "routines", withExtension: nil)

    public static func yamlFiles(in dir: URL?) -> [URL] {
        guard let dir, let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { dir.appendingPathComponent($0) }
    }

    /// Every routine, built-in first in their fixed order, then the runner's. Files that fail to load are
    /// returned as errors beside the good ones, so one broken file does not hide the rest.
    public func all() -> (entries: [CatalogEntry], errors: [RoutineFileError]) {
        var entries: [CatalogEntry] = []
        var errors: [RoutineFileError] = []
        let order = ["warmup", "core", "hold"]
        // A built-in file that fails to load is said like any other (a packaging mistake must not make a
        // routine vanish without a word).
        let builtIn = Self.yamlFiles(in: builtInDirectory).compactMap { url -> CatalogEntry? in
            do {
                return CatalogEntry(routine: try RoutineParser.load(path: url.path, display: url.lastPathComponent),
                                    source: .builtIn, path: url.path)
            } catch let e as RoutineFileError {
                errors.append(e)
            } catch {
                errors.append(RoutineFileError(file: url.lastPathComponent, line: 1, column: 1, message: "\(error)"))
            }
            return nil
        }.sorted { (order.firstIndex(of: $0.routine.id) ?? 99, $0.routine.id) < (order.firstIndex(of: $1.routine.id) ?? 99, $1.routine.id) }
        entries = builtIn
        for url in Self.yamlFiles(in: userDirectory) {
            do {
                let r = try RoutineParser.load(path: url.path)
                let entry = CatalogEntry(routine: r, source: .user(path: url.path))
                if let i = entries.firstIndex(where: { $0.routine.id == r.id }) {
                    entries[i] = entry
                } else {
                    entries.append(entry)
                }
            } catch let e as RoutineFileError {
                errors.append(e)
            } catch {
                errors.append(RoutineFileError(file: url.path, line: 1, column: 1, message: "\(error)"))
            }
        }
        return (entries, errors)
    }

    /// A routine by id, or by path when `name` looks like one (contains '/' or ends in .yaml/.yml).
    /// Throws `RoutineFileError` for a broken file, `UnknownRoutine` for a name that matches nothing.
    public func find(_ name: String) throws -> CatalogEntry {
        if name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            return CatalogEntry(routine: try RoutineParser.load(path: name), source: .file(path: name))
        }
        // The runner's file named after the id wins, and is loaded even if others are broken.
        for url in Self.yamlFiles(in: userDirectory) where url.deletingPathExtension().lastPathComponent == name {
            let r = try RoutineParser.load(path: url.path)
            if r.id == name { return CatalogEntry(routine: r, source: .user(path: url.path)) }
        }
        // A built-in routine by its id: its own file alone (the others need not be read).
        if let dir = builtInDirectory, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_".contains($0) }) {
            let url = dir.appendingPathComponent(name + ".yaml")
            if FileManager.default.fileExists(atPath: url.path),
               let r = try? RoutineParser.load(path: url.path, display: url.lastPathComponent), r.id == name,
               !Self.yamlFiles(in: userDirectory).contains(where: { (try? RoutineParser.load(path: $0.path))?.id == name }) {
                return CatalogEntry(routine: r, source: .builtIn, path: url.path)
            }
        }
        let (entries, errors) = all()
        if let e = entries.first(where: { $0.routine.id == name }) { return e }
        if let broken = errors.first(where: { URL(fileURLWithPath: $0.file).deletingPathExtension().lastPathComponent == name }) {
            throw broken
        }
        throw UnknownRoutine(name: name, known: entries.map(\.routine.id))
    }
}
