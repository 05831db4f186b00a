/// An application and a `RuleSet` give a `Verdict`: eligible or not, every reason citing its clause, subjects, exemptions, route and fee. Filled by issue #4.
enum EligibilityModule {}
