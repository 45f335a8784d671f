using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Helpline.Core.Channels;
using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Flows;
using Helpline.Core.Localization;
using Helpline.Core.Text;
using Helpline.Core.Validation;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Helpline.Core.Tests.Content;

/// <summary>The repository's own content, checked the way a texter meets it, in every language.</summary>
public class RepoContentTests(ITestOutputHelper output)
{
    private const int SegmentBudget = 4;

    private static ContentBundle Content => TestContent.Repo;

    [Fact]
    public void EveryLocale_HasEveryKeyEnglishHas()
    {
        var english = Content.Locales.English;
        var missing = Content.Locales.Locales
            .Select(l => (l.File, Keys: english.Texts.Keys.Where(k => !l.Texts.ContainsKey(k)).Order(StringComparer.Ordinal).ToList()))
            .Where(m => m.Keys.Count > 0)
            .Select(m => $"{m.File} lacks {m.Keys.Count}: {string.Join(", ", m.Keys)}")
            .ToList();

        Assert.True(missing.Count == 0, "texts callers would get in English:\n" + string.Join("\n", missing));
    }

    /// <summary>
    /// Stricter than the validator in two ways: a hidden directory entry's number does not count (it is in
    /// the directory, but must not reach a caller), and digits of any script are read, so a number written
    /// in Persian or Gurmukhi digits is checked too.
    /// </summary>
    [Fact]
    public void NoText_HasAPhoneNumberThatNoShownEntryOrFactHolds()
    {
        var allowed = Content.Directory.All.Select(o => o.ShownPhone).OfType<string>()
            .Concat(Content.Facts.SelectMany(f => ContentValidator.PhonePattern().Matches(f.Statement).Select(m => m.Value)))
            .Select(ContentValidator.Digits)
            .ToHashSet();
        Assert.NotEmpty(allowed);

        var unknown = new List<string>();
        var numbersSeen = 0;
        foreach (var locale in Content.Locales.Locales)
        {
            foreach (var (key, text) in locale.Texts)
            {
                foreach (Match match in ContentValidator.PhonePattern().Matches(AsciiDigits(text)))
                {
                    numbersSeen++;
                    if (!allowed.Contains(ContentValidator.Digits(match.Value))) unknown.Add($"{locale.File}: {key}: {match.Value}");
                }
            }
        }

        // The case-status and detention answers give numbers in every language: if none is found, the pattern is broken.
        Assert.True(numbersSeen >= Content.Locales.Locales.Count, $"only {numbersSeen} phone numbers found in all texts");
        Assert.True(unknown.Count == 0, "numbers callers must not be given:\n" + string.Join("\n", unknown));
    }

    /// <summary>
    /// Every answer and every directory list, in every language, read by SMS page by page with the language's
    /// own "more" word until it returns to the menu: each page must fit the budget. Menus are not paged (the
    /// main menu in a UCS-2 language can be longer), so they are measured and written to the test output only.
    /// </summary>
    [Fact]
    public void EverySmsPage_OfEveryAnswerAndList_FitsTheSegmentBudget()
    {
        var routes = Routes(Content.Compiled);
        Assert.Contains(routes, r => r.Node.Kind == NodeKinds.Answer);
        Assert.Contains(routes, r => r.Node.Kind == NodeKinds.Directory);
        var regionDigits = RegionDigits(Content.Compiled);

        var tooLong = new List<string>();
        var menus = new Dictionary<(string Culture, string Node), (int Fewest, int Most)>();
        var pagesChecked = 0;
        foreach (var locale in Content.Locales.Locales)
        {
            var texter = new Texter(Content, locale);
            foreach (var route in routes)
            {
                // A list's entries depend on the region chosen, on the way in or earlier in the conversation.
                IEnumerable<string?> regions = route.Node.Kind == NodeKinds.Directory ? regionDigits.Keys : [null];
                foreach (var region in regions)
                {
                    var reply = texter.Reach(route, region is null ? null : regionDigits[region]);
                    var position = texter.Position;
                    Assert.True(position == route.Target, $"{locale.Culture}: {string.Join(" ", route.Digits)} led to {position}, not {route.Target}");

                    for (var page = 1; texter.Position == route.Target; page++)
                    {
                        pagesChecked++;
                        var segments = SegmentCounter.Count(reply);
                        if (segments > SegmentBudget)
                            tooLong.Add($"{locale.Culture} {route.Target}{(region is null ? "" : $" ({region})")} page {page}: {segments} segments ({SegmentCounter.EncodingOf(reply)}):\n{reply}");
                        Assert.True(page <= 20, $"{locale.Culture} {route.Target}: still paging after 20 pages");
                        reply = texter.Send(texter.MoreWord);
                    }
                    Assert.Equal(After(route), texter.Position);
                }
            }
            foreach (var (node, segments) in texter.Menus) menus[(locale.Culture, node)] = segments;
        }

        WriteMenus(menus);
        Assert.True(pagesChecked > routes.Count * Content.Locales.Locales.Count, $"only {pagesChecked} pages checked");
        Assert.True(tooLong.Count == 0, $"SMS pages over {SegmentBudget} segments:\n" + string.Join("\n\n", tooLong));
    }

    [Fact]
    public void EveryLocale_NamesItsLanguageInItsOwnScript()
    {
        var problems = new List<string>();
        foreach (var locale in Content.Locales.Locales)
        {
            var script = MainScript(string.Concat(locale.Texts.Values));
            var nameScripts = locale.Name.Where(char.IsLetter).Select(ScriptOf).Distinct().ToList();
            if (nameScripts.Count == 0 || nameScripts.Any(s => s != script))
                problems.Add($"{locale.File}: name '{locale.Name}' is not written in {script}, the script of its texts");
            if (locale.Culture != LocaleCatalog.FallbackCulture && InputNormalizer.WordKey(locale.Name) == InputNormalizer.WordKey(locale.EnglishName))
                problems.Add($"{locale.File}: name '{locale.Name}' is the English name, not the language's own");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryLocale_HasAKnownReviewStatus_AndAReviewedOneSaysByWhomAndWhen()
    {
        var problems = new List<string>();
        foreach (var locale in Content.Locales.Locales)
        {
            var review = locale.Review;
            switch (review.Status)
            {
                case "machine-draft" or "source":
                    break;
                case "reviewed":
                    if (string.IsNullOrWhiteSpace(review.ReviewedBy)) problems.Add($"{locale.File}: reviewed, but reviewed_by is empty");
                    if (!DateOnly.TryParseExact(review.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                        problems.Add($"{locale.File}: reviewed, but date '{review.Date}' is not a yyyy-MM-dd date");
                    break;
                default:
                    problems.Add($"{locale.File}: review status '{review.Status}' is not machine-draft, reviewed or source");
                    break;
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    // --- driving the engine --------------------------------------------------------------------------

    /// <summary>A way from the main menu to an answer or a list: the digits to send; null where a region menu asks for a place.</summary>
    private sealed record Route(string Target, NodeDefinition Node, IReadOnlyList<string?> Digits);

    /// <summary>The shortest digits from the main menu to every answer and directory list, through menus and region menus.</summary>
    private static List<Route> Routes(CompiledFlows flows)
    {
        var routes = new List<Route>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { flows.MainMenu };
        var queue = new Queue<(string Position, List<string?> Digits)>([(flows.MainMenu, [])]);
        while (queue.Count > 0)
        {
            var (position, digits) = queue.Dequeue();
            var (flowId, _) = CompiledFlows.Split(position);
            var flow = flows.Flow(flowId)!;
            var node = flows.Node(position)!;
            if (node.Kind is NodeKinds.Answer or NodeKinds.Directory) routes.Add(new(position, node, digits));
            if (node.Kind is not (NodeKinds.Menu or NodeKinds.RegionMenu)) continue;
            foreach (var (trigger, target) in flows.Edges(flow, node).Where(e => e.Trigger != Triggers.Next))
            {
                if (!seen.Add(target)) continue;
                queue.Enqueue((target, [.. digits, node.Kind == NodeKinds.RegionMenu ? null : trigger]));
            }
        }
        return routes;
    }

    /// <summary>
    /// Each region a region menu offers, by the digit that chooses it (the same on every region menu). "other" lists
    /// what a texter who has not chosen a region sees: the national entries only.
    /// </summary>
    private static Dictionary<string, string> RegionDigits(CompiledFlows flows)
    {
        var options = flows.All.SelectMany(f => f.Nodes).Where(n => n.Kind == NodeKinds.RegionMenu).SelectMany(n => n.Options).ToList();
        var byRegion = options.Where(o => o.Region is not null).GroupBy(o => o.Region!).ToDictionary(g => g.Key, g => g.First().Digit);
        Assert.All(options, o => Assert.Equal(byRegion[o.Region!], o.Digit));
        return byRegion;
    }

    /// <summary>Where the engine goes after an answer's or a list's last page.</summary>
    private static string After(Route route)
    {
        var (flow, _) = CompiledFlows.Split(route.Target);
        return route.Node.Next is { } next
            ? Content.Compiled.Resolve(flow, next)
            : Content.Compiled.Parent(route.Target) ?? Content.Compiled.MainMenu;
    }

    /// <summary>One texter in one language, keeping their conversation between routes as the web host would.</summary>
    private sealed class Texter
    {
        private readonly ConversationEngine _engine;
        private readonly ContentBundle _content;
        private ConversationState? _state;

        public Texter(ContentBundle content, Locale locale)
        {
            _content = content;
            _engine = new ConversationEngine(content, new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)), new EngineOptions { SmsSegmentBudget = SegmentBudget });
            MoreWord = locale.Keywords.GetValueOrDefault(Commands.More)?.FirstOrDefault() ?? Commands.ContinueDigit;
            Send(locale.Name);
            Assert.Equal(locale.Culture, _state?.Culture);
        }

        public string MoreWord { get; }
        public string Position => _state?.Position ?? "(erased)";
        /// <summary>Segments of each menu reply: the main menu costs most right after the language is chosen, with the welcome.</summary>
        public Dictionary<string, (int Fewest, int Most)> Menus { get; } = [];

        /// <summary>From the main menu along a route; a region menu on the way gets the region's digit.</summary>
        public string Reach(Route route, string? regionDigit)
        {
            // A list that is not behind a region menu shows the region chosen earlier: choose it first.
            if (regionDigit is not null && !route.Digits.Contains(null))
            {
                var regionMenu = Routes(_content.Compiled).First(r => r.Digits.Contains(null));
                Send(Commands.MenuDigit);
                foreach (var digit in regionMenu.Digits) Send(digit ?? regionDigit);
            }
            var reply = Send(Commands.MenuDigit);
            foreach (var digit in route.Digits) reply = Send(digit ?? regionDigit ?? throw new InvalidOperationException($"{route.Target} needs a region"));
            return reply;
        }

        public string Send(string text)
        {
            var turn = _engine.Handle(_state, TurnInput.Sms(text));
            _state = turn.State;
            var reply = SmsRenderer.Render(turn.Outputs);
            if (_content.Compiled.Node(Position)?.Kind is NodeKinds.Menu or NodeKinds.RegionMenu)
            {
                var segments = SegmentCounter.Count(reply);
                Menus[Position] = Menus.TryGetValue(Position, out var seen) ? (Math.Min(seen.Fewest, segments), Math.Max(seen.Most, segments)) : (segments, segments);
            }
            return reply;
        }
    }

    private void WriteMenus(Dictionary<(string Culture, string Node), (int Fewest, int Most)> menus)
    {
        output.WriteLine($"Menus by SMS, in segments, fewest-most over the visits (not paged; over {SegmentBudget} is marked *):");
        foreach (var culture in menus.Keys.Select(k => k.Culture).Distinct())
        {
            var line = string.Join(", ", menus.Where(m => m.Key.Culture == culture).OrderBy(m => m.Key.Node, StringComparer.Ordinal)
                .Select(m => $"{m.Key.Node} {m.Value.Fewest}-{m.Value.Most}{(m.Value.Most > SegmentBudget ? "*" : "")}"));
            output.WriteLine($"  {culture}: {line}");
        }
    }

    // --- text ---------------------------------------------------------------------------------------

    private static string AsciiDigits(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            sb.Append(char.IsDigit(c) && !char.IsAsciiDigit(c) ? (char)('0' + (int)char.GetNumericValue(c)) : c);
        return sb.ToString();
    }

    private static string MainScript(string text) =>
        text.Where(char.IsLetter).Select(ScriptOf).GroupBy(s => s).OrderByDescending(g => g.Count()).First().Key;

    /// <summary>The writing system of a letter, for the scripts the helpline's languages use.</summary>
    private static string ScriptOf(char c) => c switch
    {
        <= '\u024F' or (>= '\u1E00' and <= '\u1EFF') => "Latin",
        >= '\u0370' and <= '\u03FF' => "Greek",
        >= '\u0400' and <= '\u04FF' => "Cyrillic",
        (>= '\u0600' and <= '\u06FF') or (>= '\u0750' and <= '\u077F') or (>= '\u08A0' and <= '\u08FF') or (>= '\uFB50' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF') => "Arabic",
        >= '\u0900' and <= '\u097F' => "Devanagari",
        >= '\u0A00' and <= '\u0A7F' => "Gurmukhi",
        (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') => "Han",
        _ => $"U+{(int)c:X4}",
    };
}
