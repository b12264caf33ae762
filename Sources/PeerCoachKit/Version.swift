public enum PeerCoachKitVersion { public static let string = "0.1.0" }
