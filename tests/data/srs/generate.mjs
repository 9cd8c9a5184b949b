// Writes vectors.json: random review histories scheduled by the reference
// FSRS implementation, ts-fsrs (the exact version is pinned in package.json),
// so tests/core/tst_fsrs.cpp can check core/srs against it field by field.
//
// Only the committed vectors.json is used by the build and the tests; Node is
// needed just to regenerate it, after an intended change or a ts-fsrs update:
//
//     cd tests/data/srs && npm ci && node generate.mjs
//
// (On Debian: apt-get install nodejs npm. Not a dependency of the product.)
//
// The histories are drawn from a fixed seed, so the file only changes when
// this script or ts-fsrs does. Each history is in the input format of
// `sdstudio-cli srs replay`, so a test can hand one straight to the tool.

import { writeFileSync } from 'node:fs'
import {
    createEmptyCard,
    default_w,
    FSRSVersion,
    fsrs,
    get_fuzz_range,
    State,
} from 'ts-fsrs'

const HISTORIES = 330
const OUTPUT = new URL('./vectors.json', import.meta.url)

// mulberry32: small, seedable, and the same on every Node version.
function makeRandom(seed) {
    let a = seed >>> 0
    return () => {
        a = (a + 0x6d2b79f5) >>> 0
        let t = a
        t = Math.imul(t ^ (t >>> 15), t | 1)
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
}
const random = makeRandom(20250601)
const pick = (list) => list[Math.floor(random() * list.length)]
const between = (lo, hi) => lo + random() * (hi - lo)
const round4 = (x) => Math.round(x * 1e4) / 1e4

// Weight sets: the defaults, two sets around them such as an optimiser might
// produce, one with the FSRS-5 decay, and one with values outside the ranges
// ts-fsrs allows, which it clamps (and so must we).
const perturbed = (spread) =>
    default_w.map((w, i) => (i === 4 ? w : round4(w * between(1 - spread, 1 + spread))))
const WEIGHT_SETS = {
    default: [...default_w],
    'optimised-a': perturbed(0.25),
    'optimised-b': perturbed(0.4),
    'fsrs5-decay': default_w.map((w, i) => (i === 19 ? 0 : i === 20 ? 0.5 : w)),
    'out-of-range': default_w.map((w, i) =>
        ({ 4: 11, 7: 0.9, 9: -0.2, 16: 7, 17: 2.6, 18: 0.9, 20: 0.05 })[i] ?? w,
    ),
}

const LEARNING_STEPS = [null, ['1m', '10m'], [], ['5m'], ['1m', '10m', '1h', '1d'], ['30m', '2d']]
const RELEARNING_STEPS = [null, ['10m'], [], ['10m', '1h', '2d'], ['30m', '1d'], ['5m', '15m']]
const RETENTIONS = [null, 0.8, 0.9, 0.95]
const MAXIMUM_INTERVALS = [null, 36500, 365, 30]

const iso = (date) => date.toISOString()
const MINUTE = 60 * 1000
const DAY = 24 * 60 * MINUTE

// One history's settings. A null choice leaves the key out, so ts-fsrs (and
// the replay command) fall back to their defaults.
function drawSettings(index) {
    const names = Object.keys(WEIGHT_SETS)
    const weightName = names[index % names.length]
    const settings = {}
    if (weightName !== 'default' || random() < 0.5)
        settings.parameters = WEIGHT_SETS[weightName]
    const retention = pick(RETENTIONS)
    if (retention !== null) settings.request_retention = retention
    const maximum = pick(MAXIMUM_INTERVALS)
    if (maximum !== null) settings.maximum_interval = maximum
    if (index % 2 === 1) settings.enable_short_term = false
    else if (random() < 0.5) settings.enable_short_term = true
    const learning = pick(LEARNING_STEPS)
    if (learning !== null) settings.learning_steps = learning
    const relearning = pick(RELEARNING_STEPS)
    if (relearning !== null) settings.relearning_steps = relearning
    return { weightName, settings }
}

function schedulerFor(settings) {
    const props = { enable_fuzz: false }
    if (settings.parameters) props.w = settings.parameters
    for (const key of [
        'request_retention',
        'maximum_interval',
        'enable_short_term',
        'learning_steps',
        'relearning_steps',
    ]) {
        if (key in settings) props[key] = settings[key]
    }
    return fsrs(props)
}

// Ratings lean towards Good, as real ones do.
function drawRating() {
    const u = random()
    return u < 0.18 ? 1 : u < 0.3 ? 2 : u < 0.85 ? 3 : 4
}

// When the next review happens: mostly around the due time, sometimes much
// earlier (same minute, same day) or much later (months), so elapsed days of
// 0, crossings of midnight and long overdue cards all occur.
function nextReviewTime(card, now) {
    const u = random()
    const untilDue = Math.max(card.due.getTime() - now.getTime(), MINUTE)
    let gap
    if (u < 0.3) gap = untilDue * between(0.8, 1.6)
    else if (u < 0.4) gap = untilDue
    else if (u < 0.55) gap = between(0, 20) * MINUTE
    else if (u < 0.7) gap = between(1, 14) * 60 * MINUTE
    else if (u < 0.88) gap = between(1, 12) * DAY
    else gap = between(30, 900) * DAY
    return new Date(now.getTime() + Math.round(gap / 1000) * 1000)
}

function cardFields(card) {
    return {
        state: State[card.state],
        stability: card.stability,
        difficulty: card.difficulty,
        scheduled_days: card.scheduled_days,
        elapsed_days: card.elapsed_days,
        learning_steps: card.learning_steps,
        due: iso(card.due),
        reps: card.reps,
        lapses: card.lapses,
    }
}

function drawHistory(index) {
    const { weightName, settings } = drawSettings(index)
    const f = schedulerFor(settings)
    // Whole seconds from 2020 to 2025, so dates compare exactly to the second.
    const created = new Date(
        Math.round(between(Date.UTC(2020, 0, 1), Date.UTC(2025, 11, 31)) / 1000) * 1000,
    )
    let card = createEmptyCard(created)
    let now = new Date(created.getTime() + Math.round(between(0, 3 * DAY) / 1000) * 1000)
    const count = 5 + Math.floor(random() * 26)
    const reviews = []
    const expected = []
    for (let n = 0; n < count; n++) {
        const rating = drawRating()
        const item = f.next(card, now, rating)
        const after = cardFields(item.card)
        // For some reviews, also the four outcomes a preview shows, and the
        // retrievability at a later moment.
        if (n % 6 === 1) {
            const all = f.repeat(card, now)
            after.preview = [1, 2, 3, 4].map((g) => cardFields(all[g].card))
        }
        if (n % 3 === 0) {
            const at = new Date(
                now.getTime() + Math.round(between(0, 2.5 * Math.max(1, item.card.scheduled_days) * DAY) / 1000) * 1000,
            )
            after.retrievability = { at: iso(at), value: f.get_retrievability(item.card, at, false) }
        }
        reviews.push({ time: iso(now), rating })
        expected.push(after)
        card = item.card
        now = nextReviewTime(card, now)
    }
    return { name: `h${index}-${weightName}`, ...settings, created: iso(created), reviews, expected }
}

// get_fuzz_range for intervals around each of its breakpoints and beyond,
// with elapsed days below and above the interval, and low maximum intervals.
function drawFuzzRanges() {
    const out = []
    for (let i = 0; i < 300; i++) {
        const interval =
            i % 3 === 0 ? Math.floor(between(1, 40)) : i % 3 === 1 ? round4(between(2.5, 30)) : Math.floor(between(20, 40000))
        const elapsed = Math.floor(between(0, interval * 1.5 + 2))
        const maximum = pick([36500, 36500, 365, 30, 10])
        const { min_ivl, max_ivl } = get_fuzz_range(interval, elapsed, maximum)
        out.push({ interval, elapsed_days: elapsed, maximum_interval: maximum, min: min_ivl, max: max_ivl })
    }
    return out
}

const histories = []
for (let i = 0; i < HISTORIES; i++) histories.push(drawHistory(i))
const reviewCount = histories.reduce((n, h) => n + h.reviews.length, 0)
// One history per line keeps the file's diffs readable after a regeneration.
const lines = (items) => items.map((x) => '  ' + JSON.stringify(x)).join(',\n')
const text =
    '{\n"generator": ' +
    JSON.stringify(`tests/data/srs/generate.mjs with ts-fsrs ${FSRSVersion}`) +
    ',\n"histories": [\n' +
    lines(histories) +
    '\n],\n"fuzz_ranges": [\n' +
    lines(drawFuzzRanges()) +
    '\n]\n}\n'
JSON.parse(text)
writeFileSync(OUTPUT, text)
console.log(`${histories.length} histories, ${reviewCount} reviews -> ${OUTPUT.pathname}`)
