using System.Collections.Concurrent;
using System.Security.Cryptography;
using Kz.MicroCredit.Identity;
using OnboardingWeb.Sandbox;

namespace OnboardingWeb.Flow;

/// <summary>
/// Sessions and decisions in memory, with a lifetime and a cap so a crawler cannot fill the memory. A lender with more
/// than one instance keeps them in its database (decisions) and a distributed cache (sessions).
/// </summary>
public sealed class OnboardingStore(TimeProvider time)
{
    private const int MaxSessions = 10_000;
    private const int MaxDecisions = 1_000;
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, OnboardingSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<DecisionRecord> _decisions = new();

    /// <summary>Starts a session.</summary>
    /// <param name="iin">The IIN.</param>
    /// <param name="phone">The phone.</param>
    /// <param name="scenario">The sandbox scenario.</param>
    /// <returns>The session.</returns>
    public OnboardingSession Create(Iin iin, KzPhoneNumber phone, SandboxScenario scenario)
    {
        DateTimeOffset now = time.GetUtcNow();
        foreach (KeyValuePair<string, OnboardingSession> old in _sessions.Where(s => now - s.Value.CreatedAt > SessionLifetime))
        {
            _sessions.TryRemove(old);
        }

        if (_sessions.Count >= MaxSessions)
        {
            throw new InvalidOperationException("Too many onboarding sessions in progress.");
        }

        var session = new OnboardingSession(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), iin, phone, scenario, now);
        _sessions[session.Id] = session;
        return session;
    }

    /// <summary>Finds a live session.</summary>
    /// <param name="id">The id from the URL.</param>
    /// <returns>The session, or <see langword="null"/> when unknown or expired.</returns>
    public OnboardingSession? Find(string id) =>
        _sessions.TryGetValue(id, out OnboardingSession? session) && time.GetUtcNow() - session.CreatedAt <= SessionLifetime ? session : null;

    /// <summary>Keeps a decision for the staff pages.</summary>
    /// <param name="decision">The decision.</param>
    public void Keep(DecisionRecord decision)
    {
        _decisions.Enqueue(decision);
        while (_decisions.Count > MaxDecisions && _decisions.TryDequeue(out _))
        {
        }
    }

    /// <summary>Gets the decisions, newest first.</summary>
    public IReadOnlyList<DecisionRecord> Decisions => _decisions.Reverse().ToList();

    /// <summary>Finds a decision by its reference.</summary>
    /// <param name="reference">The evidence report id.</param>
    /// <returns>The decision or <see langword="null"/>.</returns>
    public DecisionRecord? FindDecision(string reference) => _decisions.FirstOrDefault(d => d.Reference == reference);
}
