using Helpline.Core.Content;
using Helpline.Core.Flows;

namespace Helpline.Core.Engine;

/// <summary>
/// Says what a node is, as channel-neutral outputs: a menu's prompt and choices, an answer's current
/// part (a call) or page (a text), a legal-help list with the organizations a call can be put through
/// to, the language menu. One per turn; it collects the turn's outputs.
/// </summary>
internal sealed class NodePresenter(ContentBundle content, SmsPaging paging, ConversationState state, Channel channel, IReadOnlySet<string>? underReview = null)
{
    private bool Voice => channel == Channel.Voice;
    private bool IsMainMenu => state.Position == content.Compiled.MainMenu;

    /// <summary>The turn's texts as this channel says them.</summary>
    public Wording Words { get; } = new(content.Locales, state, spoken: channel == Channel.Voice,
        smsFolding: channel == Channel.WhatsApp ? null : paging.Options.SmsFolding);

    public List<Output> Outputs { get; } = [];

    public NodePresenter Say(string key, params object[] args)
    {
        Outputs.Add(Words.Output(key, args));
        return this;
    }

    public void Add(Output output) => Outputs.Add(output);

    /// <summary>
    /// The welcome was just said: on SMS it heads the main menu instead of the menu's own prompt (one line less in
    /// the first reply), and on a call the keys that work everywhere come after the menu's options, not before them,
    /// so a caller hears the topics first.
    /// </summary>
    public bool Welcomed { get; set; }

    public void Present(NodeDefinition node)
    {
        switch (node.Kind)
        {
            case NodeKinds.LanguageMenu:
                LanguageMenu(node);
                break;
            case NodeKinds.Menu or NodeKinds.RegionMenu:
                if (node.Prompt is not null && (Voice || !Welcomed)) Say(node.Prompt);
                Outputs.Add(new ChoicesOutput([.. node.OptionsOn(Voice).Select(o => new Choice(o.Digit, o.Label, Words.Text(o.Label)))]));
                if (Voice && Welcomed) Say(Keys.VoiceKeys);
                Say(Voice ? Keys.VoiceMenuFooter : IsMainMenu ? Keys.MainFooter : Keys.MenuFooter);
                break;
            case NodeKinds.Answer or NodeKinds.Directory:
                Paged(node);
                break;
            case NodeKinds.Transfer:
                Transfer(node);
                break;
            case NodeKinds.End:
                if (node.Prompt is not null) Say(node.Prompt);
                if (Voice) Outputs.Add(new HangupOutput());
                break;
        }
    }

    /// <summary>How many parts (a call) or pages (a text) the node has: "more" moves on until the last.</summary>
    public int PageCount(NodeDefinition node)
    {
        if (node.Kind is not (NodeKinds.Answer or NodeKinds.Directory)) return 1;
        if (!Voice) return paging.Of(node, Words, state.Region, channel).Pages.Count;
        return node.Kind == NodeKinds.Answer ? NodeBlocks.Of(content, node, Words, state.Region).Count : 1;
    }

    private void LanguageMenu(NodeDefinition node)
    {
        // Before any language is chosen, in English (a call: Twilio's English voice): the helpline's name,
        // "not legal advice" and 911 reach everyone, whatever they read; 911 is the same in every language.
        Say(Keys.LanguageTitle);
        var digits = InputReader.LanguageDigits(node);
        var choices = node.Languages.Select((culture, i) =>
        {
            var locale = content.Locales.Get(culture);
            // One character, not a word: the menu is read before any language is chosen, and every character is paid in UCS-2.
            var name = underReview?.Contains(locale.Culture) == true ? $"{locale.Name} {Review.LanguagesUnderReview.Marker}" : locale.Name;
            return new LanguageChoice(digits[i], locale.Culture, name, Keys.LanguageOffer, content.Locales.Text(locale.Culture, Keys.LanguageOffer));
        });
        Outputs.Add(new LanguageChoicesOutput([.. choices]));
    }

    private void Paged(NodeDefinition node)
    {
        // A list's heading on its first page only: later pages are the same list, and the room is for organizations.
        if (node.Kind == NodeKinds.Directory && node.Prompt is not null && (Voice || state.Page == 0)) Say(node.Prompt);
        if (Voice)
        {
            var blocks = NodeBlocks.Of(content, node, Words, state.Region);
            // A call speaks one part at a time so a caller can follow and press 1 for the next.
            var page = Math.Clamp(state.Page, 0, Math.Max(0, blocks.Count - 1));
            // A call is heard in one go: "general information" before the first part, not before each part.
            if (page == 0 && SmsPaging.GeneralInformation(node, Words) is not null) Say(Keys.GeneralInformation);
            if (node.Kind == NodeKinds.Directory) Outputs.AddRange(blocks);
            else if (blocks.Count > 0) Outputs.Add(blocks[page]);
            if (node.Kind == NodeKinds.Directory) CallChoices(node);
            var more = node.Kind == NodeKinds.Answer && page + 1 < blocks.Count;
            Say(more ? Keys.VoiceMore : Keys.VoiceAnswerEnd);
            return;
        }

        var (pages, key) = paging.Of(node, Words, state.Region, channel);
        var index = Math.Clamp(state.Page, 0, Math.Max(0, pages.Count - 1));
        // A page may be read alone (forwarded, or found later): each page of legal information says what it is.
        if (SmsPaging.GeneralInformation(node, Words) is not null) Say(Keys.GeneralInformation);
        if (pages.Count > 0) Outputs.Add(new TextOutput(key, pages[index]));
        // An answer that leads on (its `next`) says "1 = more" on its last page too: 1 takes the texter there.
        var leadsOn = index + 1 < pages.Count || (node.Kind == NodeKinds.Answer && node.Next is not null);
        Say(leadsOn ? Keys.SmsMore : Keys.AnswerFooter);
    }

    private void CallChoices(NodeDefinition node)
    {
        // A caller hears what an organization does (in their language), not its English name.
        var choices = CallTargets.Of(content.Directory, node, state.Region).Select(c => new Choice(c.Digit, c.Organization.Description, Words.Text(c.Organization.Description)));
        Outputs.Add(new ChoicesOutput([.. choices]));
    }

    private void Transfer(NodeDefinition node)
    {
        // The prompt introduces the key that connects a call; a texter gets the contact, which says the same (hours included).
        if (node.Prompt is not null && Voice) Say(node.Prompt);
        var organization = node.Organization is null ? null : content.Directory.Get(node.Organization);
        if (organization is null || !organization.IsShown) { Say(Keys.NoneFound); return; }
        if (Voice && organization.DialNumber is not null)
        {
            Outputs.Add(new ChoicesOutput([new Choice("1", organization.Description, Words.Text(organization.Description))]));
            Say(Keys.VoiceAnswerEnd);
            return;
        }
        Outputs.Add(new TextOutput(null, NodeBlocks.Contact(organization, Words)));
        Say(Voice ? Keys.VoiceAnswerEnd : Keys.AnswerFooter);
    }
}
