/// Rule files (YAML) are loaded into an immutable, fully resolved `RuleSet`: every reference resolved at load, every mistake a diagnostic with `file:line:col`. Filled by issue #3.
enum RulesModule {}
