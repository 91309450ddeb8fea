import Foundation

/// Where runcore keeps the runner's files. Built once from the environment at the top of the program and
/// passed down, so tests choose every location.
public struct Paths: Sendable {
    /// Holds `routines/` and `config.yaml`.
    public var configDir: URL
    /// Holds `history.sqlite`.
    public var dataDir: URL

    public var routinesDir: URL { configDir.appendingPathComponent("routines") }
    public var configFile: URL { configDir.appendingPathComponent("config.yaml") }
    public var historyFile: URL { dataDir.appendingPathComponent("history.sqlite") }

    public init(configDir: URL, dataDir: URL) {
        self.configDir = configDir
        self.dataDir = dataDir
    }

    /// `--data-dir DIR` puts everything under DIR; otherwise the XDG locations under the home folder.
    public static func resolve(dataDirOption: String?, environment: [String: String]) -> Paths {
        if let d = dataDirOption {
            let url = URL(fileURLWithPath: d)
            return Paths(configDir: url, dataDir: url)
        }
        let home = URL(fileURLWithPath: Self.home(environment) ?? "/nonexistent")
        func xdg(_ key: String, _ fallback: String) -> URL {
            if let v = environment[key], v.hasPrefix("/") { return URL(fileURLWithPath: v) }
            return home.appendingPathComponent(fallback)
        }
        return Paths(configDir: xdg("XDG_CONFIG_HOME", ".config").appendingPathComponent("runcore"),
                     dataDir: xdg("XDG_DATA_HOME", ".local/share").appendingPathComponent("runcore"))
    }

    /// The home folder: `HOME` when it is an absolute path (an empty or relative one is not used, as the XDG
    /// spec has relative `XDG_*` paths ignored), else the account's home from the password database.
    public static func home(_ environment: [String: String]) -> String? {
        if let h = environment["HOME"], h.hasPrefix("/") { return h }
        guard let pw = getpwuid(getuid()), let dir = pw.pointee.pw_dir else { return nil }
        let h = String(cString: dir)
        return h.hasPrefix("/") ? h : nil
    }

    /// Whether the files can be found at all: with `--data-dir`, or a home folder, or absolute XDG paths.
    public static func canResolve(dataDirOption: String?, environment: [String: String]) -> Bool {
        if dataDirOption != nil || home(environment) != nil { return true }
        return ["XDG_CONFIG_HOME", "XDG_DATA_HOME"].allSatisfy { environment[$0]?.hasPrefix("/") == true }
    }
}
