using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// The registration every <c>Add…</c> pair of a method or capability shares: the <c>Action&lt;TOptions&gt;</c> and the
/// <c>IConfigurationSection</c> overloads both end here, so that options are bound, validated by the capability's
/// validator and checked at start (<c>ValidateOnStart</c>) the same way everywhere, and a method is registered with the
/// builder the same way (built by the given factory, because method constructors are internal).
/// </summary>
internal static class MethodServiceRegistration
{
    /// <summary>Binds options from a delegate and registers the capability's services.</summary>
    /// <typeparam name="TOptions">The capability's options.</typeparam>
    /// <typeparam name="TValidator">The options validator.</typeparam>
    /// <param name="builder">The builder (checked for <see langword="null"/>).</param>
    /// <param name="configure">The caller's options delegate (checked for <see langword="null"/>).</param>
    /// <param name="addServices">Registers the capability's own services (and its method, with <see cref="AddMethod{TMethod}"/>).</param>
    /// <returns>The builder.</returns>
    public static BorrowerIdentificationBuilder Add<TOptions, TValidator>(
        BorrowerIdentificationBuilder builder,
        Action<TOptions> configure,
        Action<BorrowerIdentificationBuilder> addServices)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<TOptions>().Configure(configure);
        return AddCore<TOptions, TValidator>(builder, addServices);
    }

    /// <summary>Binds options from a configuration section and registers the capability's services.</summary>
    /// <typeparam name="TOptions">The capability's options.</typeparam>
    /// <typeparam name="TValidator">The options validator.</typeparam>
    /// <param name="builder">The builder (checked for <see langword="null"/>).</param>
    /// <param name="section">The configuration section (checked for <see langword="null"/>).</param>
    /// <param name="addServices">Registers the capability's own services (and its method, with <see cref="AddMethod{TMethod}"/>).</param>
    /// <returns>The builder.</returns>
    public static BorrowerIdentificationBuilder Add<TOptions, TValidator>(
        BorrowerIdentificationBuilder builder,
        IConfigurationSection section,
        Action<BorrowerIdentificationBuilder> addServices)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<TOptions>().Bind(section);
        return AddCore<TOptions, TValidator>(builder, addServices);
    }

    /// <summary>Registers a method: the singleton built by <paramref name="create"/>, listed with the builder under its id.</summary>
    /// <typeparam name="TMethod">The method class.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="id">The method's id.</param>
    /// <param name="create">Builds the method (its constructor is internal, so the activator cannot).</param>
    public static void AddMethod<TMethod>(BorrowerIdentificationBuilder builder, IdentificationMethodId id, Func<IServiceProvider, TMethod> create)
        where TMethod : class, IIdentificationMethod
    {
        builder.Services.TryAddSingleton(create);
        builder.AddMethod<TMethod>(id);
    }

    private static BorrowerIdentificationBuilder AddCore<TOptions, TValidator>(BorrowerIdentificationBuilder builder, Action<BorrowerIdentificationBuilder> addServices)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        IServiceCollection services = builder.Services;
        services.AddOptions<TOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        services.TryAddSingleton(TimeProvider.System);
        addServices(builder);
        return builder;
    }
}
