using Registry.Web.Domain.Rules;
using Registry.Web.Infrastructure.Rules;

namespace Registry.Web.Features.Qualifications;

/// <summary>The JSON shape of /api/my/qualifications (documented in docs/qualifications-api.md).</summary>
public static class QualificationsJson
{
    public sealed record Response(DateOnly AsOf, string Language, IReadOnlyList<RuleSetInfo> RuleSets, IReadOnlyList<Result> Results);

    public sealed record RuleSetInfo(string Id, string Jurisdiction, string Version, DateOnly EffectiveFrom, DateOnly? EffectiveTo, string Title, IReadOnlyList<RuleSource> Sources);

    public sealed record Result(
        string Rule, string RuleSet, string Group, string? Track, int Level, string Name,
        bool Met, bool RestsOnSelfReported, string? MetBy, IReadOnlyList<string> Missing, IReadOnlyList<RouteInfo> Routes);

    public sealed record RouteInfo(string Id, string Name, bool Met, bool MetOnVerifiedOnly, IReadOnlyList<RequirementInfo> Requirements);

    public sealed record RequirementInfo(
        string Kind, string Asks, bool Met, bool MetOnVerifiedOnly, decimal Have, decimal Need, string Has,
        DateOnly? WindowFrom, DateOnly? WindowTo, IReadOnlyList<EvidenceInfo> Evidence, IReadOnlyList<NotCountedInfo> NotCounted);

    public sealed record EvidenceInfo(string Kind, string Text, bool Verified);

    /// <summary>A fact that did not count toward an unmet requirement: its kind, the reason's code (<see cref="NearMissReason"/>) and the sentence a person reads.</summary>
    public sealed record NotCountedInfo(string Kind, string Reason, string Text);

    public static Response From(Evaluation evaluation, QualificationText text) => new(
        evaluation.AsOf,
        text.Language,
        evaluation.Sets.Select(s => new RuleSetInfo(s.Id, s.Jurisdiction, s.Version, s.EffectiveFrom, s.EffectiveTo, text.Name(s.Title), s.Sources)).ToList(),
        evaluation.Results.Select(r => new Result(
            r.Rule.Id, r.Set.Id, r.Rule.Group.ToString(), r.Rule.Track, r.Rule.Level, text.Name(r.Rule.Name),
            r.Met, r.RestsOnSelfReported, r.MetBy?.Route.Id,
            r.Met ? [] : r.Closest.Missing.Select(text.Missing).ToList(),
            r.Routes.Select(o => new RouteInfo(o.Route.Id, text.Name(o.Route.Name), o.Met, o.MetOnVerified,
                o.Requirements.Select(q => new RequirementInfo(
                    q.Requirement.Kind.ToString(), text.Asks(q.Requirement), q.Met, q.MetOnVerified, Math.Round(q.Have, 2), q.Need, text.Has(q),
                    q.WindowFrom, q.WindowTo, q.Evidence.Select(e => new EvidenceInfo(e.Kind.ToString(), text.Evidence(e), e.Verified)).ToList(),
                    q.NotCounted.Select(m => new NotCountedInfo(m.Fact.Kind.ToString(), m.Reason.ToString(), text.NotCounted(m, q))).ToList())).ToList())).ToList())).ToList());
}
