import Foundation
import PackagePlugin

/// Compiles the built-in routines and figures into the target that uses this plugin: `Resources/routines`
/// and `Resources/figures` (their one source) become one generated Swift file, `EmbeddedFiles`, in the
/// build folder. The generator runs again whenever one of the files changes.
///
/// SwiftPM runs build-tool plugins again only when the folders of the package's targets change, and
/// `Resources/` belongs to no target: the link `Plugins/EmbedResources/Resources` (to `../../Resources`)
/// puts it inside this plugin's folder, so a file added to or removed from `Resources/` is seen by the
/// next build.
@main
struct EmbedResources: BuildToolPlugin {
    static let groups = [("routines", [".yaml", ".yml"]), ("figures", [".fig"])]

    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let resources = context.package.directoryURL.appending(path: "Resources")
        var arguments: [String] = []
        var inputs: [URL] = []
        for (group, endings) in Self.groups {
            let folder = resources.appending(path: group)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { name in endings.contains { name.hasSuffix($0) } }.sorted()
            let files = names.map { folder.appending(path: $0) }
            arguments += ["--group", group] + files.map(\.path)
            inputs += files
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [.buildCommand(
            displayName: "Embedding the \(inputs.count) built-in routines and figures",
            executable: try context.tool(named: "EmbedResourcesTool").url,
            arguments: [output.path] + arguments,
            inputFiles: inputs,
            outputFiles: [output]
        )]
    }
}
