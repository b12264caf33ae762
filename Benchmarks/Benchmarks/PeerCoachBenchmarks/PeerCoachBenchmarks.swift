import Benchmark
import PeerCoachKit

/// The Dialogs folder shipped with the repository: ../Dialogs from this package's folder.
let dialogsDirectory: String = {
    // #filePath is .../Benchmarks/Benchmarks/PeerCoachBenchmarks/PeerCoachBenchmarks.swift
    var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(4)
    return parts.joined(separator: "/") + "/Dialogs"
}()

func loadDialogs() -> Dialogs {
    let diagnostics = DiagnosticCollector()
    guard let dialogs = Dialogs.load(directory: dialogsDirectory, diagnostics: diagnostics) else {
        fatalError("cannot load \(dialogsDirectory): \(diagnostics.sorted.first.map { "\($0)" } ?? "unknown problem")")
    }
    return dialogs
}

/// Replies in the style of ../shared/bench/make-corpus.py: strengths, red flags, negation, small talk.
let replies = [
    "That sounds really hard. What would help you this week?",
    "Honestly, I've been there myself. When I was in early recovery I felt stuck too.",
    "You should stop taking your meds. Just think positive!",
    "I'm not going to tell you to stop your medication. Your prescriber is the right person to ask.",
    "It's your decision. You know yourself best.",
    "There's a support group on Tuesday night. We can figure this out together.",
    "The bus was late again. My cousin Dana lives near the library.",
    "It sounds like you have bipolar disorder.",
    "Let's write down a plan for Friday. What's one small step you could take?",
    "You don't have to decide today. Some people find a breathing exercise helps.",
    "As your therapist I think we should talk about it.",
    "Thanks for telling me. I learn a lot from you too... that's a lot to deal with.",
    "Can you tell me more about Sam?",
    "It could be worse.",
    "you have the right to ask for a second opinion",
    "Hmm, did you eat today?",
    "I’d never tell you to stop your meds — that’s between you and your doctor.",
    "ok",
]

let benchmarks: @Sendable () -> Void = {
    let dialogs = loadDialogs()
    let library = dialogs.library
    let scenario = dialogs.scenario(Dialogs.defaultScenarioID) ?? dialogs.scenarios[0]
    let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, .throughput]

    // One reply through the whole concept library (what `analyze` and every Session turn do).
    // Each iteration tags the next reply of the list, so the percentiles cover all of them.
    Benchmark("tag one reply (ConceptLibrary.tag)",
              configuration: .init(metrics: metrics, timeUnits: .nanoseconds, maxDuration: .seconds(3), maxIterations: 200_000)) { benchmark in
        var i = 0
        for _ in benchmark.scaledIterations {
            blackHole(library.tag(replies[i]))
            i = i == replies.count - 1 ? 0 : i + 1
        }
    }

    // The same with a reused Tagger (how `analyze` runs): no allocation per reply.
    Benchmark("tag one reply (reused Tagger)",
              configuration: .init(metrics: metrics, timeUnits: .nanoseconds, maxDuration: .seconds(3), maxIterations: 200_000)) { benchmark in
        var tagger = Tagger(library: library)
        var i = 0
        for _ in benchmark.scaledIterations {
            var text = replies[i]
            text.withUTF8 { tagger.tag($0) }
            blackHole(tagger.hits)
            i = i == replies.count - 1 ? 0 : i + 1
        }
    }

    // Loading Dialogs: the concept library (parse + compile) and every scenario and the quiz.
    Benchmark("load Dialogs (concepts + scenarios + quiz)",
              configuration: .init(metrics: metrics, timeUnits: .milliseconds, maxDuration: .seconds(5), maxIterations: 50)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(loadDialogs())
        }
    }

    // One Session step: score a reply against the state's rubric, move, say the next peer line.
    Benchmark("Session.reply (one step)",
              configuration: .init(metrics: metrics, timeUnits: .microseconds, maxDuration: .seconds(3), maxIterations: 100_000)) { benchmark in
        var i = 0
        for _ in benchmark.scaledIterations {
            var session = Session(scenario: scenario, library: library)
            _ = session.begin()
            benchmark.startMeasurement()
            blackHole(session.reply(replies[i]))
            benchmark.stopMeasurement()
            i = i == replies.count - 1 ? 0 : i + 1
        }
    }

    // Replaying a transcript: a fresh Session fed 20 replies (what `grade` does per transcript).
    Benchmark("transcript replay (Session, 20 replies)",
              configuration: .init(metrics: metrics, timeUnits: .microseconds, maxDuration: .seconds(3), maxIterations: 20_000)) { benchmark in
        for _ in benchmark.scaledIterations {
            var session = Session(scenario: scenario, library: library)
            _ = session.begin()
            for k in 0..<20 where !session.isOver {
                blackHole(session.reply(replies[k % replies.count]))
            }
            blackHole(session.score)
        }
    }
}
