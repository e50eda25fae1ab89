using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// The <see cref="IBorrowerIdentifier"/> registered by <c>AddBorrowerIdentification()</c>: picks the policy for the
/// request's operation and evaluates it over the registered methods.
/// </summary>
internal sealed class BorrowerIdentifier : IBorrowerIdentifier
{
    private readonly Dictionary<IdentificationOperation, PolicyBorrowerIdentifier> _byOperation = [];
    private readonly PolicyBorrowerIdentifier? _default;

    /// <summary>Initializes a new instance of the <see cref="BorrowerIdentifier"/> class.</summary>
    /// <param name="options">Policies.</param>
    /// <param name="methods">Registered methods.</param>
    /// <param name="reports">Report factory.</param>
    /// <param name="logger">Logger.</param>
    public BorrowerIdentifier(IOptions<BorrowerIdentificationOptions> options, IEnumerable<IIdentificationMethod> methods, EvidenceReportFactory reports, ILogger<BorrowerIdentifier>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        IIdentificationMethod[] all = methods.ToArray();
        BorrowerIdentificationOptions o = options.Value;
        if (o.DefaultPolicy is not null)
        {
            _default = new PolicyBorrowerIdentifier(o.DefaultPolicy, all, reports, logger);
        }

        foreach (KeyValuePair<IdentificationOperation, IdentificationPolicy> pair in o.OperationPolicies)
        {
            _byOperation[pair.Key] = new PolicyBorrowerIdentifier(pair.Value, all, reports, logger);
        }
    }

    /// <summary>
    /// Builds the identifier the container hands out: of the methods registered through the builder only those a
    /// policy names are constructed (the last registration of an id wins), so a registered method no policy uses can
    /// never fail a request.
    /// </summary>
    internal static BorrowerIdentifier Create(IServiceProvider services)
    {
        IOptions<BorrowerIdentificationOptions> options = services.GetRequiredService<IOptions<BorrowerIdentificationOptions>>();
        IdentificationMethodRegistration[] registrations = services.GetServices<IdentificationMethodRegistration>().ToArray();
        IEnumerable<IIdentificationMethod> methods;
        if (registrations.Length == 0)
        {
            methods = services.GetServices<IIdentificationMethod>();
        }
        else
        {
            HashSet<IdentificationMethodId> used = IdentificationMethodRegistration.UsedByPolicies(options.Value);
            methods = IdentificationMethodRegistration.Effective(registrations).Where(r => used.Contains(r.Id)).Select(r => r.Factory(services)).ToArray();
        }

        return new BorrowerIdentifier(options, methods, services.GetRequiredService<EvidenceReportFactory>(), services.GetService<ILogger<BorrowerIdentifier>>());
    }

    /// <inheritdoc />
    public Task<IdentificationResult> IdentifyAsync(BorrowerIdentificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        PolicyBorrowerIdentifier identifier = _byOperation.TryGetValue(request.Operation, out PolicyBorrowerIdentifier? p) ? p
            : _default ?? throw new IdentificationConfigurationException($"No identification policy is configured for operation {request.Operation}.");
        return identifier.IdentifyAsync(request, cancellationToken);
    }
}
