from knowvember.features import Feature, FeatureAppConfig, NavLink


class EventsConfig(FeatureAppConfig):
    name = "events"
    feature = Feature(
        order=10,
        urls=("events/", "events.urls"),
        nav=NavLink("Events", "events:list", order=10),
        search="events.search.search_source",
        home="events.sections.home_section",
        archive="events.sections.archive_section",
        edition_counts="events.sections.edition_counts",
        dashboard="events.dashboard.dashboard_panel",
        privacy="events.privacy",
        demo="events.demo.load_demo_data",
        sitemaps={"events": "events.sitemaps.EventSitemap"},
        admin_todo="events.admin_todo.todo_items",
    )
