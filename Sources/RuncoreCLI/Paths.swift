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

    /// `--data-dir DIR` puts everything under DIR; otherwise the XDG locations.
    public static func resolve(dataDirOption: String?, environment: [String: String]) -> Paths {
        if let d = dataDirOption {
            let url = URL(fileURLWithPath: d)
            return Paths(configDir: url, dataDir: url)
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        func xdg(_ key: String, _ fallback: String) -> URL {
            if let v = environment[key], v.hasPrefix("/") { return URL(fileURLWithPath: v) }
            return home.appendingPathComponent(fallback)
        }
        return Paths(configDir: xdg("XDG_CONFIG_HOME", ".config").appendingPathComponent("runcore"),
                     dataDir: xdg("XDG_DATA_HOME", ".local/share").appendingPathComponent("runcore"))
    }
}
