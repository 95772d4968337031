-- Per-project packages: how the last install step of a project ended, what its
-- environment holds (JSON [{ecosystem, name, version}]) and the tail of its log. The
-- environments themselves are generations on disk (<data dir>/packages/<project id>/<N>).

create table project_packages (
    project_id bigint not null,
    status varchar(16) not null,
    generation int not null,
    exit_code int,
    message varchar(4000),
    installed text not null,
    install_log text not null,
    updated_at timestamp with time zone not null,
    constraint project_packages_pk primary key (project_id),
    constraint project_packages_project_fk foreign key (project_id) references projects (id) on delete cascade
);
