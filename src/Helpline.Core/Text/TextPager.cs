using System.Text;

namespace Helpline.Core.Text;

/// <summary>
/// Packs text blocks into pages that each fit a budget, breaking an oversized block at line or
/// sentence ends, a sentence longer than a page at a clause (a comma, a colon), and only a clause
/// longer than a page between words (never mid-word), so a long answer arrives as a few affordable
/// messages that each read as whole thoughts.
/// </summary>
public static class TextPager
{
    public const string Separator = "\n\n";

    /// <param name="blocks">Paragraphs in reading order.</param>
    /// <param name="fits">Whether a finished page (already joined) is within budget.</param>
    public static IReadOnlyList<string> Pages(IEnumerable<string> blocks, Func<string, bool> fits) => Pages(blocks, fits, fits);

    /// <param name="firstFits">The first page's budget (it is sent with more: a list's heading, the place chosen).</param>
    /// <param name="restFits">Every later page's budget.</param>
    /// <param name="fillWithSentences">
    /// Prose: a page that has room left takes the next paragraph's first sentences (the rest opens the next page),
    /// so an answer is not sent as a page holding one short sentence. Not for lists, whose blocks (one
    /// organization's name, phone and hours) must stay together.
    /// </param>
    public static IReadOnlyList<string> Pages(IEnumerable<string> blocks, Func<string, bool> firstFits, Func<string, bool> restFits, bool fillWithSentences = false) =>
        Pages(blocks, page => page == 0 ? firstFits : restFits, fillWithSentences);

    /// <param name="fitsPage">Each page's budget by its index (0: the first page).</param>
    public static IReadOnlyList<string> Pages(IEnumerable<string> blocks, Func<int, Func<string, bool>> fitsPage, bool fillWithSentences = false)
    {
        var pages = new List<string>();
        var current = "";
        foreach (var block in blocks.Where(b => b.Length > 0))
        {
            var fits = fitsPage(pages.Count);
            foreach (var piece in fits(block) ? [block] : Split(block, fits))
            {
                var pageFits = fitsPage(pages.Count);
                var joined = current.Length == 0 ? piece : current + Separator + piece;
                if (pageFits(joined)) { current = joined; continue; }
                if (fillWithSentences && current.Length > 0 && TopUp(current, piece, pageFits) is var (full, rest) && rest is not null)
                {
                    pages.Add(full);
                    current = rest;
                    continue;
                }
                if (current.Length > 0) pages.Add(current);
                current = piece;
            }
        }
        if (current.Length > 0) pages.Add(current);
        return pages;
    }

    /// <summary>The page with as many of the piece's first sentences as fit, and what is left of the piece (null: none fit).</summary>
    private static (string Page, string? Remainder) TopUp(string page, string piece, Func<string, bool> fits)
    {
        var sentences = Sentences(piece).ToList();
        var taken = 0;
        var head = "";
        while (taken < sentences.Count - 1 && fits(page + Separator + (head + sentences[taken]).Trim()))
        {
            head += sentences[taken];
            taken++;
        }
        return taken == 0 ? (page, null) : (page + Separator + head.Trim(), string.Concat(sentences.Skip(taken)).Trim());
    }

    /// <summary>A budget in SMS segments, measured on the page plus what is appended to it.</summary>
    public static Func<string, bool> SegmentBudget(int segments, string reserved) =>
        page => SegmentCounter.Count(page + Separator + reserved) <= segments
                && (page + Separator + reserved).Length <= SegmentCounter.MaxMessageLength;

    public static Func<string, bool> LengthBudget(int characters, string reserved) =>
        page => (page + Separator + reserved).Length <= characters;

    private static IEnumerable<string> Split(string block, Func<string, bool> fits)
    {
        var sentences = Sentences(block).ToList();
        var current = new StringBuilder();
        foreach (var sentence in sentences)
        {
            if (!fits(sentence))
            {
                if (current.Length > 0) { yield return current.ToString().Trim(); current.Clear(); }
                foreach (var part in ByClauses(sentence, fits)) yield return part;
                continue;
            }
            var candidate = current.ToString() + sentence;
            if (fits(candidate.Trim())) { current.Append(sentence); continue; }
            if (current.Length > 0) yield return current.ToString().Trim();
            current.Clear().Append(sentence);
        }
        if (current.ToString().Trim().Length > 0) yield return current.ToString().Trim();
    }

    /// <summary>Sentences keep their trailing punctuation and space; line breaks end a sentence too.</summary>
    internal static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ends = c is '\n' || (IsSentenceEnd(c) && (i + 1 == text.Length || (char.IsWhiteSpace(text[i + 1]) && !Abbreviation(text, i))))
                       || c is '。' or '！' or '？' or '।';
            if (!ends) continue;
            var end = i + 1;
            while (end < text.Length && char.IsWhiteSpace(text[end])) end++;
            yield return text[start..end];
            start = end;
            i = end - 1;
        }
        if (start < text.Length) yield return text[start..];
    }

    /// <summary>A sentence longer than a page, cut after commas, colons and their kin; a clause still too long, between words.</summary>
    private static IEnumerable<string> ByClauses(string sentence, Func<string, bool> fits)
    {
        var current = "";
        foreach (var clause in Clauses(sentence))
        {
            if (!fits(clause.Trim()))
            {
                if (current.Trim().Length > 0) yield return current.Trim();
                current = "";
                foreach (var part in ByWords(clause.Trim(), fits)) yield return part;
                continue;
            }
            if (fits((current + clause).Trim())) { current += clause; continue; }
            if (current.Trim().Length > 0) yield return current.Trim();
            current = clause;
        }
        if (current.Trim().Length > 0) yield return current.Trim();
    }

    /// <summary>Clauses keep their punctuation and the space after it.</summary>
    internal static IEnumerable<string> Clauses(string sentence)
    {
        var start = 0;
        for (var i = 0; i < sentence.Length; i++)
        {
            var c = sentence[i];
            var ends = (c is ',' or ':' or '،' && i + 1 < sentence.Length && char.IsWhiteSpace(sentence[i + 1])) || c is '，' or '、' or '：' or '；';
            if (!ends) continue;
            var end = i + 1;
            while (end < sentence.Length && char.IsWhiteSpace(sentence[end])) end++;
            yield return sentence[start..end];
            start = end;
            i = end - 1;
        }
        if (start < sentence.Length) yield return sentence[start..];
    }

    /// <summary>Whether a page ends where a reader expects a pause: a sentence, a clause or a line, not between words.</summary>
    public static bool EndsAtBreak(string page) =>
        EndsAtSentence(page) || LastMark(page) is ',' or ':' or '،' or '，' or '、' or '：' or '；';

    /// <summary>Whether a page ends at the end of a sentence (after its closing bracket or quote, if any).</summary>
    public static bool EndsAtSentence(string page) =>
        LastMark(page) is null or '.' or '!' or '?' or '؟' or '۔' or ';' or '。' or '！' or '？' or '।';

    private static char? LastMark(string page)
    {
        var text = page.TrimEnd().TrimEnd(')', '"', '\u201D', '\u00BB', '\u300D');
        return text.Length == 0 ? null : text[^1];
    }

    /// <summary>
    /// A full stop the text goes on after in lower case ("8 a.m. to 8 p.m.", "approx. 100") ends an abbreviation,
    /// not a sentence: a page cut there would leave "to 8 p.m." alone on the next page.
    /// </summary>
    private static bool Abbreviation(string text, int stop)
    {
        if (text[stop] != '.') return false;
        var next = stop + 1;
        while (next < text.Length && char.IsWhiteSpace(text[next]) && text[next] != '\n') next++;
        return next < text.Length && char.IsLower(text[next]);
    }

    private static bool IsSentenceEnd(char c) => c is '.' or '!' or '?' or '؟' or '۔' or ';';

    private static IEnumerable<string> ByWords(string sentence, Func<string, bool> fits)
    {
        var current = "";
        foreach (var word in sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (fits(candidate)) { current = candidate; continue; }
            if (current.Length > 0) yield return current;
            current = word; // a single word longer than a page is sent whole rather than cut
        }
        if (current.Length > 0) yield return current;
    }
}
