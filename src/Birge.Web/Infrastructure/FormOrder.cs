using System.Reflection;

namespace Birge.Web.Infrastructure;

/// <summary>
/// Where a model-state key ("Input.FullName", "Input.Shifts[2].StartsAt") sits on its form: the positions of its
/// properties, in declaration order, from the page model down. Forms lay their fields out in that order, so the error
/// summary lists problems from the top of the form; the form's own problems (key "") come first, unknown keys last.
/// </summary>
public static class FormOrder
{
    public static IReadOnlyList<int> Of(Type? model, string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return [];
        }

        var positions = new List<int>();
        var type = model;
        foreach (var segment in key.Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            var properties = type?.GetProperties(BindingFlags.Public | BindingFlags.Instance) ?? [];
            var index = Array.FindIndex(properties, p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                positions.Add(int.MaxValue);
                break;
            }

            positions.Add(index);
            if (bracket >= 0 && int.TryParse(segment[(bracket + 1)..].TrimEnd(']'), out var item))
            {
                positions.Add(item);
            }

            type = ElementType(properties[index].PropertyType);
        }

        return positions;
    }

    public static readonly IComparer<IReadOnlyList<int>> Comparer = Comparer<IReadOnlyList<int>>.Create((a, b) =>
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            if (a[i] != b[i])
            {
                return a[i].CompareTo(b[i]);
            }
        }

        return a.Count.CompareTo(b.Count);
    });

    private static Type ElementType(Type type) =>
        type.IsArray ? type.GetElementType()!
        : type.IsGenericType && type.GetGenericArguments() is [var item] && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && type != typeof(string) ? item
        : type;
}
