import Foundation

/// Files that come with runcore: the built-in routines and figures, compiled into the binary at build time
/// from `Resources/` (see `Plugins/EmbedResources`), so runcore needs no folder beside it. A file is named
/// as in `Resources/` ("warmup.yaml"), and that name is what its error messages show.
public struct BuiltInFiles: Sendable {
    private let texts: [String: String]

    /// Files by name; tests make their own.
    public init(_ texts: [String: String]) {
        self.texts = texts
    }

    /// `Resources/routines`.
    public static let routines = BuiltInFiles(EmbeddedFiles.routines)
    /// `Resources/figures`.
    public static let figures = BuiltInFiles(EmbeddedFiles.figures)

    /// Every file's name, sorted.
    public var names: [String] { texts.keys.sorted() }

    /// The bytes of the file called `name`, or nil when there is none.
    public func contents(_ name: String) -> Data? {
        texts[name].map { Data($0.utf8) }
    }
}
