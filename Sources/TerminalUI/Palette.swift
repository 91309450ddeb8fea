import Foundation

/// Colours for a dark or a light terminal background. On terminals with 256 colours each role is a fixed
/// xterm colour chosen so that it stands out from that background: the phase colours (used for the big
/// digits and the step's name) and the text colours all reach at least 4.5:1 (WCAG contrast), above the 3:1
/// that large digits need. Terminals with 8 or 16 colours get the nearest basic colour, whose exact shade
/// the terminal decides.
public enum Theme: String, Sendable, CaseIterable {
    case dark, light

    /// The background each theme is measured against.
    public var background: RGB { self == .dark ? RGB(0, 0, 0) : RGB(255, 255, 255) }

    /// The theme for a background colour: light when it is closer to white.
    public static func matching(_ background: RGB) -> Theme {
        background.luminance > 0.35 ? .light : .dark
    }

    /// `COLORFGBG` as rxvt, Konsole and others set it ("15;0": white on black). Nil if it says nothing.
    public static func fromCOLORFGBG(_ value: String?) -> Theme? {
        guard let value, let last = value.split(separator: ";").last, let bg = Int(last) else { return nil }
        // 0–6 and 8 are dark backgrounds; 7 and 9–15 light.
        return [7, 9, 10, 11, 12, 13, 14, 15].contains(bg) ? .light : .dark
    }
}

/// A colour as red, green and blue, 0–255.
public struct RGB: Equatable, Sendable {
    public var r, g, b: Int
    public init(_ r: Int, _ g: Int, _ b: Int) { (self.r, self.g, self.b) = (r, g, b) }

    /// Relative luminance (WCAG 2).
    public var luminance: Double {
        func lin(_ c: Int) -> Double {
            let s = Double(c) / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    /// Contrast ratio with `other`, 1 to 21.
    public func contrast(with other: RGB) -> Double {
        let (a, b) = (luminance, other.luminance)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// The colour of xterm's 256-colour palette entry `index` (16–255; the first 16 are the terminal's own).
    public static func xterm(_ index: Int) -> RGB {
        if index >= 232 {
            let v = 8 + 10 * (index - 232)
            return RGB(v, v, v)
        }
        let i = index - 16
        let levels = [0, 95, 135, 175, 215, 255]
        return RGB(levels[(i / 36) % 6], levels[(i / 6) % 6], levels[i % 6])
    }

    /// Parses a terminal's answer to OSC 11 (`rgb:ffff/ffff/ffff`, also 2- or 4-digit parts, or `#rrggbb`).
    public static func parseOSC(_ text: String) -> RGB? {
        if text.hasPrefix("#"), text.count == 7, let v = Int(text.dropFirst(), radix: 16) {
            return RGB((v >> 16) & 255, (v >> 8) & 255, v & 255)
        }
        guard let range = text.firstRange(of: "rgb:") else { return nil }
        let parts = text[range.upperBound...].split(separator: "/").prefix(3)
        guard parts.count == 3 else { return nil }
        var out: [Int] = []
        for p in parts {
            let hex = p.prefix { $0.isHexDigit }
            guard !hex.isEmpty, hex.count <= 4, let v = Int(hex, radix: 16) else { return nil }
            let maxValue = (1 << (4 * hex.count)) - 1
            out.append(Int((Double(v) / Double(maxValue) * 255).rounded()))
        }
        return RGB(out[0], out[1], out[2])
    }
}

/// Which colour each role gets on a theme.
public struct Palette: Sendable, Equatable {
    public var theme: Theme
    public init(_ theme: Theme) { self.theme = theme }

    /// Roles whose colour draws the big digits and the step's name.
    public static let phaseRoles: [Style.Role] = [.work, .rest, .getReady, .paused, .final]
    /// Roles used for smaller text.
    public static let textRoles: [Style.Role] = [.accent, .alert, .muted]

    /// The xterm 256-colour index for `role`, nil for the terminal's own foreground.
    public func xterm256(_ role: Style.Role) -> Int? {
        switch (theme, role) {
        case (_, .normal): return nil
        case (.dark, .work): return 41        // #00d75f green
        case (.dark, .rest): return 44        // #00d7d7 cyan
        case (.dark, .getReady): return 220   // #ffd700 yellow
        case (.dark, .paused): return 177     // #d787ff violet
        case (.dark, .final): return 203      // #ff5f5f red
        case (.dark, .accent): return 81      // #5fd7ff sky
        case (.dark, .alert): return 203      // #ff5f5f red
        case (.dark, .muted): return 245      // #8a8a8a grey
        case (.light, .work): return 28       // #008700 green
        case (.light, .rest): return 24       // #005f87 blue-teal
        case (.light, .getReady): return 94   // #875f00 amber-brown: yellow cannot be read on white
        case (.light, .paused): return 90     // #870087 purple
        case (.light, .final): return 124     // #af0000 red
        case (.light, .accent): return 24     // #005f87
        case (.light, .alert): return 124     // #af0000
        case (.light, .muted): return 242     // #6c6c6c grey
        }
    }

    /// The basic colour (0–7) for `role` on terminals without 256 colours.
    public func basic(_ role: Style.Role) -> Int? {
        // 0 black, 1 red, 2 green, 3 yellow, 4 blue, 5 magenta, 6 cyan, 7 white
        switch (theme, role) {
        case (_, .normal), (_, .muted): return nil
        case (_, .work): return 2
        case (.dark, .rest), (.dark, .accent): return 6
        case (.light, .rest), (.light, .accent): return 4
        case (.dark, .getReady): return 3
        case (.light, .getReady): return 5
        case (_, .paused): return 5
        case (_, .final), (_, .alert): return 1
        }
    }

    /// Contrast of `role`'s 256-colour shade against the theme's background.
    public func contrast(_ role: Style.Role) -> Double? {
        xterm256(role).map { RGB.xterm($0).contrast(with: theme.background) }
    }
}
