from knowvember.features import Feature, FeatureAppConfig, NavLink


class PledgesConfig(FeatureAppConfig):
    name = "pledges"
    feature = Feature(
        order=20,
        urls=("pledges/", "pledges.urls"),
        nav=NavLink("Pledge wall", "pledges:wall", order=20),
        search="pledges.search.search_source",
        home="pledges.sections.home_section",
        archive="pledges.sections.archive_section",
        edition_counts="pledges.sections.edition_counts",
        dashboard="pledges.dashboard.dashboard_panel",
        privacy="pledges.privacy",
        demo="pledges.demo.load_demo_data",
        sitemaps={
            "pledges": "pledges.sitemaps.PledgeSitemap",
            "pledge-pages": "pledges.sitemaps.PledgePagesSitemap",
        },
        admin_todo="pledges.admin_todo.todo_items",
        lessons="pledges.lessons.approved_between",
    )
