import Foundation
import RoutineKit

/// Where a routine came from.
public enum RoutineSource: Sendable, Equatable {
    /// Compiled into runcore (`BuiltInFiles.routines`).
    case builtIn
    case user(path: String)
    case file(path: String)
}

public struct CatalogEntry: Sendable {
    public var routine: Routine
    public var source: RoutineSource
    /// The file it was read from; nil for a built-in routine, which is inside runcore.
    public var path: String? {
        switch source {
        case .user(let p), .file(let p): return p
        case .builtIn: return nil
        }
    }
    /// The role of the built-in routine this file replaces, when the file says none: its sessions no longer count
    /// as what the built-in one's did (`list`, `validate` and the menu say so).
    public var droppedRole: Role?

    /// The line that says so, when it applies.
    public var droppedRoleNote: String? {
        guard let role = droppedRole, let path else { return nil }
        return "\(path): replaces the built-in '\(routine.id)' without its role, so its sessions do not count as \(role.rawValue) work; add 'role: \(role.rawValue)' to keep them counting"
    }

    public init(routine: Routine, source: RoutineSource) {
        self.routine = routine
        self.source = source
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

/// Finds routines: the built-in ones compiled into runcore, and the runner's own in
/// `<config>/runcore/routines/*.yaml`. A user routine with the same id as a built-in one replaces it.
public struct Catalog: Sendable {
    public var builtIns: BuiltInFiles
    public var userDirectory: URL?

    public init(builtIns: BuiltInFiles = .routines, userDirectory: URL?) {
        self.builtIns = builtIns
        self.userDirectory = userDirectory
    }

    static func isRoutineFile(_ name: String) -> Bool { name.hasSuffix(".yaml") || name.hasSuffix(".yml") }

    public static func yamlFiles(in dir: URL?) -> [URL] {
        guard let dir, let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return names.filter(isRoutineFile).sorted().map { dir.appendingPathComponent($0) }
    }

    /// Why the runner's routines folder cannot be listed, when it is there but unreadable (a folder that
    /// does not exist is simply empty).
    public static func folderProblem(_ dir: URL?) -> RoutineFileError? {
        guard let dir else { return nil }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isFolder) else { return nil }
        if !isFolder.boolValue {
            return RoutineFileError(file: dir.path, line: 1, column: 1, message: "cannot read the folder: not a folder")
        }
        if (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) == nil {
            return RoutineFileError(file: dir.path, line: 1, column: 1, message: "cannot read the folder: not readable")
        }
        return nil
    }

    /// The built-in routine in the file `name` ("warmup.yaml"); its errors name that file.
    func builtIn(_ name: String) throws -> CatalogEntry? {
        guard let data = builtIns.contents(name) else { return nil }
        let id = String(name[..<(name.lastIndex(of: ".") ?? name.endIndex)])
        return CatalogEntry(routine: try RoutineParser.parse(data, file: name, defaultID: id), source: .builtIn)
    }

    /// Every routine, built-in first in their fixed order, then the runner's. Files that fail to load are
    /// returned as errors beside the good ones, so one broken file does not hide the rest.
    public func all() -> (entries: [CatalogEntry], errors: [RoutineFileError]) {
        var entries: [CatalogEntry] = []
        var errors: [RoutineFileError] = []
        let order = ["warmup", "core", "hold"]
        // A built-in file that fails to load is said like any other (a packaging mistake must not make a
        // routine vanish without a word).
        let builtIn = builtIns.names.filter(Self.isRoutineFile).compactMap { name -> CatalogEntry? in
            do {
                return try self.builtIn(name)
            } catch let e as RoutineFileError {
                errors.append(e)
            } catch {
                errors.append(RoutineFileError(file: name, line: 1, column: 1, message: "\(error)"))
            }
            return nil
        }.sorted { (order.firstIndex(of: $0.routine.id) ?? 99, $0.routine.id) < (order.firstIndex(of: $1.routine.id) ?? 99, $1.routine.id) }
        entries = builtIn
        if let problem = Self.folderProblem(userDirectory) { errors.append(problem) }
        for url in Self.yamlFiles(in: userDirectory) {
            do {
                let r = try RoutineParser.load(path: url.path)
                var entry = CatalogEntry(routine: r, source: .user(path: url.path))
                if let i = entries.firstIndex(where: { $0.routine.id == r.id }) {
                    if r.role == nil, case .builtIn = entries[i].source { entry.droppedRole = entries[i].routine.role }
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
        if name.allSatisfy({ $0.isLetter || $0.isNumber || "-_".contains($0) }),
           let entry = try? builtIn(name + ".yaml"), entry.routine.id == name,
           !Self.yamlFiles(in: userDirectory).contains(where: { (try? RoutineParser.load(path: $0.path))?.id == name }) {
            return entry
        }
        let (entries, errors) = all()
        if let e = entries.first(where: { $0.routine.id == name }) { return e }
        if let broken = errors.first(where: { URL(fileURLWithPath: $0.file).deletingPathExtension().lastPathComponent == name }) {
            throw broken
        }
        throw UnknownRoutine(name: name, known: entries.map(\.routine.id))
    }
}
