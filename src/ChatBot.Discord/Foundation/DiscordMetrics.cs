using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChatBot.Discord.Foundation;

/// <summary>
/// What a bot operator watches, as <see cref="System.Diagnostics.Metrics"/> instruments on the meter
/// <see cref="MeterName"/> (the executable exports them; nothing here knows how): questions by source and outcome,
/// answer latency, REST requests by route and status (429s by scope too), uploads by result, and per gateway shard its
/// reconnects by reason and its resumes by result.
/// Tags are small fixed sets (route templates, not paths), so no series grows with the traffic.
/// </summary>
internal sealed class DiscordMetrics
{
    public const string MeterName = "ChatBot.Discord";

    private readonly Counter<long> questions;
    private readonly Histogram<double> answerDuration;
    private readonly Counter<long> restRequests;
    private readonly Counter<long> rateLimited;
    private readonly Counter<long> uploads;
    private readonly Counter<long> reconnects;
    private readonly Counter<long> resumes;

    public DiscordMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        questions = meter.CreateCounter<long>("chatbot.questions", "{question}", "Questions by source (slash, mention, dm, button) and outcome (confident, not_covered, refused, failed)");
        answerDuration = meter.CreateHistogram<double>("chatbot.answer.duration", "s", "Time from a question's receipt to its rendered answer",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        restRequests = meter.CreateCounter<long>("chatbot.rest.requests", "{request}", "REST requests sent to Discord, by route template and status code");
        rateLimited = meter.CreateCounter<long>("chatbot.rest.rate_limited", "{response}", "429 responses from Discord, by route template and scope");
        uploads = meter.CreateCounter<long>("chatbot.uploads", "{upload}", "Source uploads, by result (accepted, refused) and reason");
        reconnects = meter.CreateCounter<long>("chatbot.gateway.reconnects", "{connection}", "Gateway connections opened again after one ended, by shard and why it ended");
        resumes = meter.CreateCounter<long>("chatbot.gateway.resumes", "{attempt}", "Gateway RESUME attempts by shard and result (resumed, retry, new_session)");
    }

    public void Question(string source, string outcome)
        => questions.Add(1, new TagList { { "source", source }, { "outcome", outcome } });

    public void Answered(string source, string outcome, TimeSpan elapsed)
    {
        Question(source, outcome);
        answerDuration.Record(elapsed.TotalSeconds, new TagList { { "source", source } });
    }

    public void RestRequest(string route, int status)
        => restRequests.Add(1, new TagList { { "route", route }, { "status", status } });

    public void RateLimited(string route, string scope)
        => rateLimited.Add(1, new TagList { { "route", route }, { "scope", scope } });

    public void Upload(bool accepted, string reason)
        => uploads.Add(1, new TagList { { "result", accepted ? "accepted" : "refused" }, { "reason", reason } });

    /// <summary>A shard opens a new connection because its last one ended for <paramref name="reason"/>.</summary>
    public void GatewayReconnect(int shard, string reason)
        => reconnects.Add(1, new TagList { { "shard", shard }, { "reason", reason } });

    /// <summary>
    /// A RESUME attempt ended: <c>resumed</c> (Discord sent RESUMED), <c>retry</c> (the connection ended before that and
    /// the session is tried again), or <c>new_session</c> (Discord refused it, or it failed too often: the shard identifies).
    /// </summary>
    public void GatewayResume(int shard, string result)
        => resumes.Add(1, new TagList { { "shard", shard }, { "result", result } });
}
