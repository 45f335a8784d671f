using System.Text;
using Microsoft.AspNetCore.Http;

namespace Helpline.Twilio;

/// <summary>Builds the TwiML document a webhook answers with. Each verb method returns the builder.</summary>
public sealed class TwimlResponse
{
    public const string ContentType = "text/xml; charset=utf-8";

    private const string Declaration = """<?xml version="1.0" encoding="UTF-8"?>""";

    /// <summary>Twilio dials at most ten numbers at once.</summary>
    private const int MaxDialNumbers = 10;

    private readonly TwimlElement root = new("Response");

    public TwimlResponse Message(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Add(new TwimlElement("Message", body));
    }

    public TwimlResponse Say(string text, string? voice = null, string? language = null, int? loop = null) =>
        Add(TwimlVerbElements.Say(text, voice, language, loop));

    public TwimlResponse Play(string url, int? loop = null) => Add(TwimlVerbElements.Play(url, loop));

    /// <summary>
    /// A gather times out into the next verb, so follow it with <see cref="Redirect"/> to reach the flow again.
    /// </summary>
    public TwimlResponse Gather(GatherOptions options, Action<TwimlVerbs> nested)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(nested);

        var gather = new TwimlElement("Gather")
            .With("input", options.Input == "dtmf" ? null : options.Input)
            .With("action", string.IsNullOrEmpty(options.Action) ? null : options.Action)
            .WithMethod(options.Method)
            .With("timeout", options.Timeout)
            .With("numDigits", options.NumDigits)
            .With("finishOnKey", options.FinishOnKey)
            .With("speechTimeout", options.SpeechTimeout)
            .With("language", options.Language)
            .With("hints", options.Hints)
            .With("actionOnEmptyResult", options.ActionOnEmptyResult);
        nested(new TwimlVerbs(gather));
        return Add(gather);
    }

    public TwimlResponse Redirect(string url, string method = "POST")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        return Add(new TwimlElement("Redirect", url).WithMethod(method));
    }

    public TwimlResponse Pause(int length) => Add(TwimlVerbElements.Pause(length));

    public TwimlResponse Hangup() => Add(new TwimlElement("Hangup"));

    public TwimlResponse Dial(DialOptions options, IEnumerable<string> numbers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(numbers);

        var numberList = numbers.ToList();
        if (numberList.Count is 0 or > MaxDialNumbers)
        {
            throw new ArgumentException($"Dial needs between 1 and {MaxDialNumbers} numbers; got {numberList.Count}.", nameof(numbers));
        }

        var dial = new TwimlElement("Dial")
            .With("action", options.Action)
            .WithMethod(options.Method)
            .With("timeout", options.Timeout)
            .With("callerId", options.CallerId)
            .With("timeLimit", options.TimeLimit)
            .With("answerOnBridge", options.AnswerOnBridge);
        foreach (var number in numberList)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(number, nameof(numbers));
            dial.Children.Add(new TwimlElement("Number", number));
        }

        return Add(dial);
    }

    public override string ToString()
    {
        // The declaration says UTF-8: the reply is sent as UTF-8 (ContentType).
        var markup = new StringBuilder(Declaration, 256);
        root.WriteTo(markup);
        return markup.ToString();
    }

    public IResult ToResult() => Results.Content(ToString(), ContentType, Encoding.UTF8);

    private TwimlResponse Add(TwimlElement verb)
    {
        root.Children.Add(verb);
        return this;
    }
}
