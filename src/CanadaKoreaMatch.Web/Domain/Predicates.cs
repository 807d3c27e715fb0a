using System.Linq.Expressions;

namespace CanadaKoreaMatch.Web.Domain;

/// <summary>Rules written once as expressions and combined, so that the database evaluates them the same way everywhere they are used.</summary>
public static class Predicates
{
    public static Expression<Func<T, bool>> And<T>(this Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Expression.Lambda<Func<T, bool>>(Expression.AndAlso(left.Body, Replace(right.Body, right.Parameters[0], left.Parameters[0])), left.Parameters);

    public static Expression<Func<T, bool>> Not<T>(this Expression<Func<T, bool>> rule) =>
        Expression.Lambda<Func<T, bool>>(Expression.Not(rule.Body), rule.Parameters);

    /// <summary>A projection that receives the rule's outcome for the row as its second parameter.</summary>
    public static Expression<Func<T, TResult>> Into<T, TResult>(this Expression<Func<T, bool>> rule, Expression<Func<T, bool, TResult>> projection)
    {
        var row = projection.Parameters[0];
        var outcome = Replace(rule.Body, rule.Parameters[0], row);
        return Expression.Lambda<Func<T, TResult>>(Replace(projection.Body, projection.Parameters[1], outcome), row);
    }

    private static Expression Replace(Expression body, ParameterExpression parameter, Expression with) => new Replacer(parameter, with).Visit(body);

    private sealed class Replacer(ParameterExpression parameter, Expression with) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? with : node;
    }
}
