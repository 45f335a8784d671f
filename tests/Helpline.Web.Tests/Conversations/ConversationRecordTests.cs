using Helpline.Core.Engine;
using Helpline.Web.Conversations;

namespace Helpline.Web.Tests.Conversations;

/// <summary>
/// A record read back is the record written, whether it is parsed from its JSON or copied from the
/// record that JSON was written from (what an active conversation's next turn gets).
/// </summary>
public sealed class ConversationRecordTests
{
    private static ConversationRecord EveryFieldSet()
    {
        var record = new ConversationRecord
        {
            State = new ConversationState
            {
                Culture = "fa-AF", Flow = "legal_help", Node = "list", Page = 2, Region = "TX", Strikes = 1,
                TransferIndex = 3, ConfirmingText = true, ReviewNoteOwed = true, LastActive = DateTimeOffset.Parse("2026-11-25T20:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            },
            OptedOut = true,
            Culture = "fa-AF",
            Step = 7,
            TransferOrganization = "some-organization",
        };
        // Enough deliveries that the oldest have left the exact list for the filter.
        for (var i = 0; i < ConversationRecord.ExactDeliveries + 5; i++) record.Remember($"delivery-{i}", "<Response/>");
        record.Remember("older", "<Response><Message>یک</Message></Response>");
        record.Remember("newer", "<Response><Message>دو</Message></Response>");
        return record;
    }

    [Fact]
    public void EveryField_SurvivesTheRoundTrip_CopiedOrParsed()
    {
        // Every property is set (a test below fails if one is added and left unset here).
        var json = EveryFieldSet().ToJson();

        var copied = ConversationRecord.FromJson(json);
        var parsed = ConversationRecord.FromJson(new string(json.AsSpan())); // another string: parsed

        Assert.Equal(json, copied.ToJson());
        Assert.Equal(json, parsed.ToJson());
    }

    [Fact]
    public void EveryProperty_IsSetInTheRoundTripTest()
    {
        var record = EveryFieldSet();
        foreach (var property in typeof(ConversationRecord).GetProperties().Where(p => p.CanWrite))
            Assert.NotEqual(property.PropertyType.IsValueType ? Activator.CreateInstance(property.PropertyType) : null, property.GetValue(record));
        foreach (var property in typeof(ConversationState).GetProperties().Where(p => p.CanWrite))
            Assert.NotEqual(property.PropertyType.IsValueType ? Activator.CreateInstance(property.PropertyType) : null, property.GetValue(record.State));
    }

    [Fact]
    public void ChangingARecordReadBack_DoesNotChangeTheNextRead()
    {
        var json = EveryFieldSet().ToJson();

        var first = ConversationRecord.FromJson(json);
        first.State!.Node = "changed";
        first.Remember("newest", "<Response/>");
        first.Step = 99;

        Assert.Equal(json, ConversationRecord.FromJson(json).ToJson());
    }

    [Fact]
    public void TheStoredJson_HoldsTheLastReplyOnce()
    {
        // Read and written every turn: a reply stored twice (say, through a computed property) doubles the cost.
        var json = EveryFieldSet().ToJson();

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(json, "دو"));
        Assert.DoesNotContain("یک", json); // older replies are not kept
    }
}
