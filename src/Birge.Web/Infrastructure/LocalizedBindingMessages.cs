using Birge.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Birge.Web.Infrastructure;

/// <summary>Model-binding messages ("The value 'x' is not valid") in the reader's language.</summary>
public sealed class LocalizedBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var l = factory.Create(typeof(SharedResource));
        var m = options.ModelBindingMessageProvider;
        m.SetAttemptedValueIsInvalidAccessor((value, field) => l["Binding_ValueInvalid", value].Value);
        m.SetMissingBindRequiredValueAccessor(field => l["Binding_ValueRequired"].Value);
        m.SetMissingKeyOrValueAccessor(() => l["Binding_ValueRequired"].Value);
        m.SetMissingRequestBodyRequiredValueAccessor(() => l["Binding_ValueRequired"].Value);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["Binding_ValueInvalid", value].Value);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Binding_UnknownValueInvalid"].Value);
        m.SetNonPropertyValueMustBeANumberAccessor(() => l["Binding_MustBeNumber"].Value);
        m.SetUnknownValueIsInvalidAccessor(field => l["Binding_UnknownValueInvalid"].Value);
        m.SetValueIsInvalidAccessor(value => l["Binding_ValueInvalid", value].Value);
        m.SetValueMustBeANumberAccessor(field => l["Binding_MustBeNumber"].Value);
        m.SetValueMustNotBeNullAccessor(value => l["Binding_ValueRequired"].Value);
    }
}
