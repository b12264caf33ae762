import XCTest
@testable import PeerCoachKit

/// The shipped concept library against replies written for these tests (not the eval set):
/// each must show the concepts it names and none of the red flags it does not name.
final class ConceptLibraryTests: XCTestCase {
    static let library: ConceptLibrary = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let d = DiagnosticCollector()
        let lib = ConceptLibraryLoader.load(root.appendingPathComponent("Dialogs/concepts.yaml").path, diagnostics: d)
        precondition(!d.hasErrors, "\(d.diagnostics)")
        return lib!
    }()
    static let redFlags: Set<String> = ["medical-advice", "diagnosing", "directive", "minimizing", "clinical-role"]

    /// (concepts the reply must show, reply). An empty list means: no concept at all.
    static let cases: [([String], String)] = [
        (["empathy"], "That must have been so scary for you."),
        (["empathy"], "I can hear how tired you are."),
        (["empathy"], "You sound really worn down."),
        (["empathy"], "That sounds incredibly lonely."),
        (["empathy"], "I'd be furious too if that happened to me."),
        (["open-question"], "What does a good day look like for you?"),
        (["open-question"], "So, how did you manage to get through last night?"),
        (["open-question"], "Can you tell me more about what happened with your sister?"),
        (["lived-experience"], "When I first got out of the hospital, I didn't know what to do with myself either."),
        (["lived-experience"], "I spent years drinking to numb it, so I know that pull."),
        (["lived-experience"], "My own depression made getting out of bed feel impossible."),
        (["mutuality"], "I'm not here as your boss; we're figuring this out as equals."),
        (["mutuality"], "Let's work on this together."),
        (["hope"], "I've seen a lot of people get through exactly this."),
        (["hope"], "You've gotten through hard things before, and you can get through this."),
        (["self-determination"], "What you do next is totally your decision."),
        (["self-determination"], "I'll support whatever you decide."),
        (["goal-setting"], "Let's set a small goal for this week."),
        (["goal-setting"], "What would you like to accomplish by the end of the month?"),
        (["skill-building"], "We could practice what you'll say to your landlord."),
        (["skill-building"], "Box breathing can help when your chest gets tight."),
        (["self-advocacy"], "You have the right to ask your doctor to explain the side effects."),
        (["self-advocacy"], "You're allowed to ask the nurse to slow down and explain."),
        (["community"], "The Wednesday night NA meeting is pretty welcoming."),
        (["community"], "Have you thought about checking out a peer support group?"),
        (["referral"], "That's something to bring up with your psychiatrist."),
        (["referral"], "If you're thinking of hurting yourself, please call 988."),
        (["referral"], "Your pharmacist would know if those interact."),
        (["medical-advice"], "Just stop taking the Abilify if it makes you tired."),
        (["medical-advice"], "Try some melatonin instead of the sleeping pills."),
        (["medical-advice"], "Benadryl will help you sleep, just take two."),
        (["diagnosing"], "You sound bipolar to me."),
        (["diagnosing"], "That's definitely PTSD."),
        (["directive"], "You need to leave him."),
        (["directive"], "Don't drink this weekend."),
        (["directive"], "Call your mom tonight."),
        (["minimizing"], "It's not a big deal."),
        (["minimizing"], "At least you didn't lose your job."),
        (["minimizing"], "Everyone feels that way sometimes."),
        (["clinical-role"], "Let me do an intake assessment with you."),
        (["clinical-role"], "I'm going to put together a treatment plan for you."),
        (["referral"], "I would never tell you to quit your medication; your prescriber can help you weigh it."),
        (["empathy"], "I'm not going to say it's no big deal, because it clearly matters to you."),
        ([], "I've been there before, it's the bakery on Main Street."),
        ([], "When I was at the store, I ran into your brother."),
        ([], "Do you want a ride home?"),
        ([], "What time does the pharmacy close?"),
        ([], "You should see the size of that dog!"),
        ([], "I had to practice my speech for work."),
        ([], "Hope you had a good weekend."),
        ([], "My goal is to get home before the snow."),
        ([], "My therapist moved offices."),
        ([], "I won't diagnose you, that's not my job."),
        // Wider wording: shorthand, British spelling, other ways of saying the same thing.
        (["hope"], "Things really can get better from here."),
        (["hope"], "u will get thru this, I promise."),
        (["lived-experience"], "What helped me was calling my sponsor every night."),
        (["lived-experience"], "I have two years clean, and the early months were brutal."),
        (["skill-building"], "Want to practise saying it out loud with me first?"),
        (["referral"], "Your GP is the right person to ask about that rash."),
        (["community"], "The peer centre on Elm Street has a drop-in every Tuesday."),
        (["self-determination"], "That decision is yours to make, not mine."),
        (["minimizing"], "Honestly, it's just nerves, it's nothing."),
        (["diagnosing"], "I'd guess that's agoraphobia."),
        (["directive"], "I want you to text her back tonight."),
        (["mutuality"], "This is a two-way street, so I learn from you too."),
        (["goal-setting"], "Maybe the first milestone is getting your birth certificate."),
        (["clinical-role"], "I'll note it in your chart and score the screening."),
        ([], "Can you bring your ID to the office on Monday?"),
        ([], "You're fine to bring your sister along."),
        (["minimizing"], "Nah, you're fine, it'll blow over."),
        // Broad forms (session 5): structure rather than one reply's wording.
        (["lived-experience"], "I did six months of residential treatment myself."),
        (["lived-experience"], "I've relapsed too, more than once."),
        (["lived-experience"], "After my first arrest I stopped answering the phone for weeks."),
        (["empathy"], "A call like that would rattle anybody."),
        (["empathy"], "It's understandable that the letter knocked you sideways."),
        (["directive"], "Get rid of the lighter before your sister comes over."),
        (["medical-advice"], "A Benadryl on top of your trazodone knocks you right out."),
        (["clinical-role"], "Hold out your arm so I can take your blood pressure."),
        (["hope"], "Plenty of people make their peace with the voices over time."),
        (["mutuality"], "I'll be walking beside you the whole way."),
        (["minimizing"], "Come on, people go through way worse than a breakup."),
        (["minimizing"], "It's one late payment, not the end of the world."),
        ([], "My cousin runs the potluck at church, and the food is good."),
        // Minimizing is often said in the negative; its patterns spell the negator, so it is not
        // taken for negation scope.
        (["minimizing"], "Honestly, a bad week at work isn't worth losing sleep over."),
        (["minimizing"], "It's really not as serious as you're making it."),
        // Everyday sentences that share words with the broad forms, and must stay untagged.
        ([], "I rode the bus here this morning."),
        ([], "Can you wash the dishes after lunch?"),
        ([], "Things escalated at home last night."),
        ([], "Who now runs the front desk?"),
        ([], "I took inventory at the store all day."),
        ([], "Hardly a day goes by without rain here."),
        ([], "Our sessions start at ten on Mondays."),
    ]

    func testRepliesShowTheirConceptsAndNoOtherRedFlags() {
        for (expected, reply) in Self.cases {
            let found = Set(Self.library.tag(reply).map(\.id))
            if expected.isEmpty {
                XCTAssertEqual(found, [], reply)
                continue
            }
            for id in expected { XCTAssertTrue(found.contains(id), "\(reply) -> \(found.sorted()) lacks \(id)") }
            let extraFlags = found.intersection(Self.redFlags).subtracting(expected)
            // Orders that are also medical advice are both, as the eval set labels them.
            let allowed: Set<String> = expected.contains("medical-advice") || expected.contains("minimizing") ? ["directive"] : []
            XCTAssertTrue(extraFlags.subtracting(allowed).isEmpty, "\(reply) -> unexpected \(extraFlags.sorted())")
        }
    }

    func testAnUncompiledLibraryKnowsItsConceptsAndMatchesNothing() {
        var problems: [PatternProblem] = []
        let concepts = Self.library.concepts
        let outline = ConceptLibrary(concepts: concepts, sets: ["x": ["[unclosed"]], compile: false, problems: &problems)
        XCTAssertTrue(problems.isEmpty, "patterns are not even parsed: \(problems)")
        XCTAssertEqual(outline.concepts.map(\.id), concepts.map(\.id))
        XCTAssertEqual(outline.concept("empathy")?.label, Self.library.concept("empathy")?.label)
        XCTAssertEqual(outline.tag("That sounds exhausting. You should stop your meds."), [])
        XCTAssertFalse(Self.library.tag("That sounds exhausting. You should stop your meds.").isEmpty)
    }

    func testEveryRequiredConceptIsDefinedWithFeedback() {
        for id in ConceptLibraryLoader.requiredStrengths + ConceptLibraryLoader.requiredRedFlags {
            let c = Self.library.concept(id)
            XCTAssertNotNil(c, id)
            XCTAssertFalse(c?.feedback.isEmpty ?? true, "\(id) has no feedback")
        }
        for id in ConceptLibraryLoader.requiredStrengths { XCTAssertFalse(Self.library.concept(id)!.missing.isEmpty, id) }
        for id in ConceptLibraryLoader.requiredRedFlags { XCTAssertLessThan(Self.library.concept(id)!.points, 0, id) }
    }
}
