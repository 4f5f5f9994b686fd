from knowvember.features import Feature, FeatureAppConfig


class IncompleteFeatureConfig(FeatureAppConfig):
    """A feature app that promises a search source, lessons and a privacy module it does not
    have."""

    name = "tests.architecture.incomplete_feature"
    label = "incomplete_feature"
    feature = Feature(
        search="tests.architecture.incomplete_feature.search.search_source",
        privacy="tests.architecture.incomplete_feature.apps",
        lessons="tests.architecture.incomplete_feature.lessons.approved_between",
    )
