import Foundation
import Testing
import TestSupport

/// runcore is one file: the built-in routines and figures are inside it, so the binary copied alone runs
/// anywhere, whoever runs it. Each run here happens with the folder the binary was built in hidden (an empty
/// folder mounted over it in a mount namespace of its own), as on a machine where runcore was never built.
@Suite("One file to run")
struct OneFileTests {
    /// `./runcore ARGUMENTS` in `folder`, the build folder hidden; `as` runs it as another user (setpriv).
    func copiedAlone(in folder: String, _ arguments: [String], stdin: String? = nil, as user: String = "",
                     environment: [String: String] = [:]) throws -> ProcessResult {
        let script = """
            mount -t tmpfs tmpfs "$BUILD" || exit 90
            if [ -e "$ORIGINAL" ]; then echo "the build folder is still visible" >&2; exit 91; fi
            cd "$FOLDER" && exec $AS ./runcore "$@"
            """
        let built = URL(fileURLWithPath: Binary.path).resolvingSymlinksInPath()
        var env = environment
        env["BUILD"] = built.deletingLastPathComponent().path
        env["ORIGINAL"] = built.path
        env["FOLDER"] = folder
        env["AS"] = user
        return try runcore(["-c", "exec unshare --mount sh -c \"$0\" sh \"$@\"", script] + arguments,
                           stdin: stdin, environment: env, shell: true)
    }

    static let builtInList = ["warmup   12:46  ", "core      4:40  ", "hold      0:35  ", "planks    7:00  "]
    /// A row of the built-in plank figure, as `show` draws it.
    static let plankFigure = "▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄█▖"

    @Test func theBinaryCopiedAloneIntoAFreshFolderRuns() throws {
        let dir = TempDir("alone")
        defer { dir.remove() }
        try FileManager.default.copyItem(atPath: Binary.path, toPath: dir.url.appendingPathComponent("runcore").path)

        let list = try copiedAlone(in: dir.path, ["list"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.split(separator: "\n").map { String($0.prefix(16)) } == Self.builtInList)

        let plan = try copiedAlone(in: dir.path, ["plan", "warmup"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("Light aerobic") && plan.stdout.hasSuffix("Total 12:46 (rep and hold steps estimated) in 24 steps\n"))

        // Every figure the warm-up names is found (a missing one would be a line on stderr).
        let show = try copiedAlone(in: dir.path, ["show", "warmup"])
        #expect(show.status == 0 && show.stderr.isEmpty, "\(show.stderr)")
        #expect(show.stdout.contains(Self.plankFigure))

        let run = try copiedAlone(in: dir.path, ["hold", "--plain", "--data-dir", "data"], stdin: "\n\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("start Plank hold") && run.stdout.contains("A hold under 5 s is not taken as a best"), "\(run.stdout)")
        #expect(FileManager.default.fileExists(atPath: dir.path + "/data/history.sqlite"))
    }

    /// Run by another user from a folder only that user can read: the built-in routines are there, the
    /// runner's own file still replaces one, and a file or folder of theirs that cannot be read is one line
    /// naming it.
    @Test func anotherUserRunsItFromAFolderOnlyTheyCanRead() throws {
        let dir = TempDir("owner-only")
        defer { dir.remove() }
        let home = dir.path + "/home"
        dir.write("home/config/runcore/routines/core.yaml", "title: My core\nsteps:\n  - name: Bird dog\n    time: 40s\n")
        dir.write("home/config/runcore/figures/plank.fig", "title: My plank\n~~~~\n  o__\n")
        try FileManager.default.copyItem(atPath: Binary.path, toPath: home + "/runcore")
        #expect(shellOutput("chown -R 65534:65534 '\(home)' && chmod 700 '\(home)' && echo ok") == "ok")
        let nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups"
        let env = ["XDG_CONFIG_HOME": home + "/config", "XDG_DATA_HOME": home + "/data", "HOME": home]
        // Root (who runs the tests) could read it anyway: the folder is the other user's alone.
        #expect(shellOutput("\(nobody) ls '\(home)/runcore'") == home + "/runcore")
        #expect(shellOutput("setpriv --reuid=65533 --regid=65533 --clear-groups ls '\(home)' 2>&1").contains("Permission denied"))

        let list = try copiedAlone(in: home, ["list"], as: nobody, environment: env)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.split(separator: "\n").map { String($0.prefix(16)) }
                == ["warmup   12:46  ", "core      0:40  ", "hold      0:35  ", "planks    7:00  "])
        #expect(list.stdout.contains("My core"))

        let plan = try copiedAlone(in: home, ["plan", "warmup"], as: nobody, environment: env)
        #expect(plan.status == 0 && plan.stdout.hasSuffix("in 24 steps\n"), "\(plan.stderr)")

        let run = try copiedAlone(in: home, ["hold", "--plain"], stdin: "\n\n", as: nobody, environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("A hold under 5 s is not taken as a best"), "\(run.stdout)")
        #expect(FileManager.default.fileExists(atPath: home + "/data/runcore/history.sqlite"))

        // The runner's plank figure replaces the built-in one; unreadable, it is said, not passed over.
        let figure = home + "/config/runcore/figures/plank.fig"
        let own = try copiedAlone(in: home, ["show", "warmup"], as: nobody, environment: env)
        #expect(own.status == 0 && own.stderr.isEmpty && own.stdout.contains("  o__") && !own.stdout.contains(Self.plankFigure), "\(own.stderr)")
        chmod(figure, 0o000)
        let show = try copiedAlone(in: home, ["show", "warmup"], as: nobody, environment: env)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stderr == "warmup: \(figure):1:1: cannot read the file: not readable\n")

        // A routines folder that cannot be read: one line, and the built-in routines are all there.
        let routines = home + "/config/runcore/routines"
        chmod(routines, 0o000)
        let unreadable = try copiedAlone(in: home, ["list"], as: nobody, environment: env)
        #expect(unreadable.stdout.split(separator: "\n").map { String($0.prefix(16)) } == Self.builtInList)
        #expect(unreadable.stderr == "\(routines):1:1: cannot read the folder: not readable\n")
    }
}
