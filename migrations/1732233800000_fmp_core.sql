-- Up Migration
-- FMP (Financial Modeling Prep) in core: typed, versioned history of every
-- dataset the SRA service collects, filled by transforms/fmp/*.sql from the
-- landed API responses (docs/FMP-DATA.md).
--
-- Every table follows the versioning of docs/ARCHITECTURE.md: the natural key
-- leads the version key (symbol first: the distribution key), then
-- data_version and the array columns, unique with NULLS NOT DISTINCT.
-- Values keep FMP's own precision (numeric without typmod: statement values
-- exceed DECIMAL(12,2)); volumes and counts are bigint. raw_json keeps each
-- document whole; extra keeps what no typed column holds (fields FMP adds
-- later), so it counts as content for versioning.
-- The version key is each table's key and its index: a profile lookup by
-- symbol and a date range of one symbol's prices read its leading columns
-- (tests/sql/fmp/indexes); no surrogate id, no second index to maintain on
-- bulk inserts.

create table core.equity_profile (
    -- key
    symbol text collate "C" not null,
    -- company
    company_name text,
    exchange text,
    exchange_full_name text,
    sector text,
    industry text,
    country text,
    currency text,
    cik text,
    isin text,
    cusip text,
    ceo text,
    employees bigint,
    website text,
    description text,
    phone text,
    address text,
    city text,
    state text,
    zip text,
    image text,
    default_image boolean,
    ipo_date date,
    is_etf boolean,
    is_actively_trading boolean,
    is_adr boolean,
    is_fund boolean,
    -- market data
    price numeric,
    beta numeric,
    market_cap numeric,
    average_volume bigint,
    volume bigint,
    last_dividend numeric,
    price_range text,
    change numeric,
    change_percent numeric,
    dcf numeric,
    dcf_diff numeric,
    extra jsonb,
    -- versions and lineage (docs/ARCHITECTURE.md)
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    constraint equity_profile_version_uq unique nulls not distinct
        (symbol, data_version, array_source_field, array_element_index)
);
comment on table core.equity_profile is
    'One row per symbol per version: FMP company profiles (fmp.profile), both API generations.';
alter table core.equity_profile cluster on equity_profile_version_uq;
alter table core.equity_profile owner to sra_transformer;

create table core.equity_quotes (
    -- keys
    symbol text collate "C" not null,
    date date not null,
    -- prices
    open numeric,
    high numeric,
    low numeric,
    close numeric,
    adj_close numeric,
    volume bigint,
    unadjusted_volume bigint,
    change numeric,
    change_percent numeric,
    vwap numeric,
    -- versions and lineage (docs/ARCHITECTURE.md)
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    constraint equity_quotes_version_uq unique nulls not distinct
        (symbol, date, data_version, array_source_field, array_element_index)
);
comment on table core.equity_quotes is
    'One row per symbol per trading date per version: FMP daily equity prices (fmp.equity_price).';
alter table core.equity_quotes cluster on equity_quotes_version_uq;
alter table core.equity_quotes owner to sra_transformer;

create table core.equity_income (
    -- keys and filing
    symbol text collate "C" not null,
    period text collate "C" not null,
    date date not null,
    fiscal_year integer,
    reported_currency text,
    cik text,
    filing_date date,
    accepted_date timestamptz,
    link text,
    final_link text,
    -- income statement
    revenue numeric,
    cost_of_revenue numeric,
    gross_profit numeric,
    gross_profit_ratio numeric,
    research_and_development_expenses numeric,
    general_and_administrative_expenses numeric,
    selling_and_marketing_expenses numeric,
    selling_general_and_administrative_expenses numeric,
    other_expenses numeric,
    operating_expenses numeric,
    cost_and_expenses numeric,
    net_interest_income numeric,
    interest_income numeric,
    interest_expense numeric,
    depreciation_and_amortization numeric,
    ebitda numeric,
    ebitda_ratio numeric,
    ebit numeric,
    non_operating_income_excluding_interest numeric,
    operating_income numeric,
    operating_income_ratio numeric,
    total_other_income_expenses_net numeric,
    income_before_tax numeric,
    income_before_tax_ratio numeric,
    income_tax_expense numeric,
    net_income_from_continuing_operations numeric,
    net_income_from_discontinued_operations numeric,
    other_adjustments_to_net_income numeric,
    net_income numeric,
    net_income_deductions numeric,
    bottom_line_net_income numeric,
    net_income_ratio numeric,
    eps numeric,
    eps_diluted numeric,
    weighted_average_shs_out numeric,
    weighted_average_shs_out_dil numeric,
    extra jsonb,
    -- versions and lineage (docs/ARCHITECTURE.md)
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    constraint equity_income_version_uq unique nulls not distinct
        (symbol, period, date, data_version, array_source_field, array_element_index)
);
comment on table core.equity_income is
    'One row per symbol, period (FY, Q1..Q4) and fiscal period end date per version: FMP income statements.';
alter table core.equity_income cluster on equity_income_version_uq;
alter table core.equity_income owner to sra_transformer;

create table core.equity_balance (
    -- keys and filing
    symbol text collate "C" not null,
    period text collate "C" not null,
    date date not null,
    fiscal_year integer,
    reported_currency text,
    cik text,
    filing_date date,
    accepted_date timestamptz,
    link text,
    final_link text,
    -- assets
    cash_and_cash_equivalents numeric,
    short_term_investments numeric,
    cash_and_short_term_investments numeric,
    net_receivables numeric,
    accounts_receivables numeric,
    other_receivables numeric,
    inventory numeric,
    prepaids numeric,
    other_current_assets numeric,
    total_current_assets numeric,
    property_plant_equipment_net numeric,
    goodwill numeric,
    intangible_assets numeric,
    goodwill_and_intangible_assets numeric,
    long_term_investments numeric,
    tax_assets numeric,
    other_non_current_assets numeric,
    total_non_current_assets numeric,
    other_assets numeric,
    total_assets numeric,
    -- liabilities
    total_payables numeric,
    account_payables numeric,
    other_payables numeric,
    accrued_expenses numeric,
    short_term_debt numeric,
    capital_lease_obligations_current numeric,
    tax_payables numeric,
    deferred_revenue numeric,
    other_current_liabilities numeric,
    total_current_liabilities numeric,
    long_term_debt numeric,
    capital_lease_obligations_non_current numeric,
    deferred_revenue_non_current numeric,
    deferred_tax_liabilities_non_current numeric,
    other_non_current_liabilities numeric,
    total_non_current_liabilities numeric,
    other_liabilities numeric,
    capital_lease_obligations numeric,
    total_liabilities numeric,
    -- equity
    treasury_stock numeric,
    preferred_stock numeric,
    common_stock numeric,
    retained_earnings numeric,
    additional_paid_in_capital numeric,
    accumulated_other_comprehensive_income_loss numeric,
    other_total_stockholders_equity numeric,
    total_stockholders_equity numeric,
    total_equity numeric,
    minority_interest numeric,
    total_liabilities_and_stockholders_equity numeric,
    total_liabilities_and_total_equity numeric,
    total_investments numeric,
    total_debt numeric,
    net_debt numeric,
    extra jsonb,
    -- versions and lineage (docs/ARCHITECTURE.md)
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    constraint equity_balance_version_uq unique nulls not distinct
        (symbol, period, date, data_version, array_source_field, array_element_index)
);
comment on table core.equity_balance is
    'One row per symbol, period and fiscal period end date per version: FMP balance sheets.';
alter table core.equity_balance cluster on equity_balance_version_uq;
alter table core.equity_balance owner to sra_transformer;

create table core.equity_cash_flow (
    -- keys and filing
    symbol text collate "C" not null,
    period text collate "C" not null,
    date date not null,
    fiscal_year integer,
    reported_currency text,
    cik text,
    filing_date date,
    accepted_date timestamptz,
    link text,
    final_link text,
    -- operating activities
    net_income numeric,
    depreciation_and_amortization numeric,
    deferred_income_tax numeric,
    stock_based_compensation numeric,
    change_in_working_capital numeric,
    accounts_receivables numeric,
    inventory numeric,
    accounts_payables numeric,
    other_working_capital numeric,
    other_non_cash_items numeric,
    net_cash_provided_by_operating_activities numeric,
    -- investing activities (legacy keys misspelled "Activites")
    investments_in_property_plant_and_equipment numeric,
    acquisitions_net numeric,
    purchases_of_investments numeric,
    sales_maturities_of_investments numeric,
    other_investing_activities numeric,
    net_cash_provided_by_investing_activities numeric,
    -- financing activities
    debt_repayment numeric,
    net_debt_issuance numeric,
    long_term_net_debt_issuance numeric,
    short_term_net_debt_issuance numeric,
    net_stock_issuance numeric,
    net_common_stock_issuance numeric,
    common_stock_issuance numeric,
    common_stock_repurchased numeric,
    net_preferred_stock_issuance numeric,
    net_dividends_paid numeric,
    common_dividends_paid numeric,
    preferred_dividends_paid numeric,
    other_financing_activities numeric,
    net_cash_provided_by_financing_activities numeric,
    -- cash
    effect_of_forex_changes_on_cash numeric,
    net_change_in_cash numeric,
    cash_at_end_of_period numeric,
    cash_at_beginning_of_period numeric,
    operating_cash_flow numeric,
    capital_expenditure numeric,
    free_cash_flow numeric,
    income_taxes_paid numeric,
    interest_paid numeric,
    extra jsonb,
    -- versions and lineage (docs/ARCHITECTURE.md)
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    constraint equity_cash_flow_version_uq unique nulls not distinct
        (symbol, period, date, data_version, array_source_field, array_element_index)
);
comment on table core.equity_cash_flow is
    'One row per symbol, period and fiscal period end date per version: FMP cash-flow statements.';
alter table core.equity_cash_flow cluster on equity_cash_flow_version_uq;
alter table core.equity_cash_flow owner to sra_transformer;

create table core.equity_ratios (
    -- keys
    symbol text collate "C" not null,
    period text collate "C" not null,
    date date not null,
    fiscal_year integer,
    reported_currency text,
    -- liquidity and cycle
    current_ratio numeric,
    quick_ratio numeric,
    cash_ratio numeric,
    solvency_ratio numeric,
    days_of_sales_outstanding numeric,
    days_of_inventory_outstanding numeric,
    operating_cycle numeric,
    days_of_payables_outstanding numeric,
    cash_conversion_cycle numeric,
    -- margins and returns
    gross_profit_margin numeric,
    ebit_margin numeric,
    ebitda_margin numeric,
    operating_profit_margin numeric,
    pretax_profit_margin numeric,
    continuous_operations_profit_margin numeric,
    net_profit_margin numeric,
    bottom_line_profit_margin numeric,
    effective_tax_rate numeric,
    return_on_assets numeric,
    return_on_equity numeric,
    return_on_capital_employed numeric,
    net_income_per_ebt numeric,
    ebt_per_ebit numeric,
    ebit_per_revenue numeric,
    -- leverage
    debt_to_assets_ratio numeric,
    debt_to_equity_ratio numeric,
    debt_to_capital_ratio numeric,
    long_term_debt_to_capital_ratio numeric,
    interest_coverage_ratio numeric,
    cash_flow_to_debt_ratio numeric,
    financial_leverage_ratio numeric,
    debt_to_market_cap numeric,
    -- turnover
    receivables_turnover numeric,
    payables_turnover numeric,
    inventory_turnover numeric,
    fixed_asset_turnover numeric,
    asset_turnover numeric,
    working_capital_turnover_ratio numeric,
    -- per share
    revenue_per_share numeric,
    net_income_per_share numeric,
    interest_debt_per_share numeric,
    cash_per_share numeric,
    book_value_per_share numeric,
    tangible_book_value_per_share numeric,
    shareholders_equity_per_share numeric,
    operating_cash_flow_per_share numeric,
    capex_per_share numeric,
    free_cash_flow_per_share numeric,
    -- cash flow coverage
    operating_cash_flow_ratio numeric,
    operating_cash_flow_sales_ratio numeric,
    free_cash_flow_operating_cash_flow_ratio numeric,
    operating_cash_flow_coverage_ratio numeric,
    short_term_operating_cash_flow_coverage_ratio numeric,
    capital_expenditure_coverage_ratio numeric,
    dividend_paid_and_capex_coverage_ratio numeric,
    debt_service_coverage_ratio numeric,
    -- dividends and valuation
    payout_ratio numeric,
    dividend_payout_ratio numeric,
    dividend_yield numeric,
    dividend_yield_percentage numeric,
    dividend_per_share numeric,
    price_to_earnings_ratio numeric,
    price_to_earnings_growth_ratio numeric,
    forward_price_to_earnings_growth_ratio numeric,
    price_to_book_ratio numeric,
    price_to_sales_ratio numeric,
    price_to_free_cash_flow_ratio numeric,
    price_to_operating_cash_flow_ratio numeric,
    price_cash_flow_ratio numeric,
    enterprise_value_multiple numeric,
    price_to_fair_value numeric,
    extra jsonb,
    -- versions and lineage (docs/ARCHITECTURE.md)
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    constraint equity_ratios_version_uq unique nulls not distinct
        (symbol, period, date, data_version, array_source_field, array_element_index)
);
comment on table core.equity_ratios is
    'One row per symbol, period and fiscal period end date per version: FMP financial ratios.';
alter table core.equity_ratios cluster on equity_ratios_version_uq;
alter table core.equity_ratios owner to sra_transformer;

create table core.equity_key_metrics (
    -- keys
    symbol text collate "C" not null,
    period text collate "C" not null,
    date date not null,
    fiscal_year integer,
    reported_currency text,
    -- valuation
    market_cap numeric,
    enterprise_value numeric,
    pe_ratio numeric,
    price_to_sales_ratio numeric,
    pocf_ratio numeric,
    pfcf_ratio numeric,
    pb_ratio numeric,
    ptb_ratio numeric,
    ev_to_sales numeric,
    ev_to_ebitda numeric,
    ev_to_operating_cash_flow numeric,
    ev_to_free_cash_flow numeric,
    earnings_yield numeric,
    free_cash_flow_yield numeric,
    graham_number numeric,
    graham_net_net numeric,
    -- per share
    revenue_per_share numeric,
    net_income_per_share numeric,
    operating_cash_flow_per_share numeric,
    free_cash_flow_per_share numeric,
    cash_per_share numeric,
    book_value_per_share numeric,
    tangible_book_value_per_share numeric,
    shareholders_equity_per_share numeric,
    interest_debt_per_share numeric,
    capex_per_share numeric,
    -- leverage and quality
    debt_to_equity numeric,
    debt_to_assets numeric,
    net_debt_to_ebitda numeric,
    current_ratio numeric,
    interest_coverage numeric,
    income_quality numeric,
    tax_burden numeric,
    interest_burden numeric,
    dividend_yield numeric,
    payout_ratio numeric,
    -- intensity (legacy key misspelled "Ddevelopement")
    sales_general_and_administrative_to_revenue numeric,
    research_and_development_to_revenue numeric,
    intangibles_to_total_assets numeric,
    capex_to_operating_cash_flow numeric,
    capex_to_revenue numeric,
    capex_to_depreciation numeric,
    stock_based_compensation_to_revenue numeric,
    -- returns
    return_on_equity numeric,
    return_on_invested_capital numeric,
    return_on_assets numeric,
    operating_return_on_assets numeric,
    return_on_tangible_assets numeric,
    return_on_capital_employed numeric,
    -- capital and working capital
    working_capital numeric,
    tangible_asset_value numeric,
    net_current_asset_value numeric,
    invested_capital numeric,
    average_receivables numeric,
    average_payables numeric,
    average_inventory numeric,
    days_of_sales_outstanding numeric,
    days_of_payables_outstanding numeric,
    days_of_inventory_outstanding numeric,
    receivables_turnover numeric,
    payables_turnover numeric,
    inventory_turnover numeric,
    operating_cycle numeric,
    cash_conversion_cycle numeric,
    free_cash_flow_to_equity numeric,
    free_cash_flow_to_firm numeric,
    extra jsonb,
    -- versions and lineage (docs/ARCHITECTURE.md)
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    constraint equity_key_metrics_version_uq unique nulls not distinct
        (symbol, period, date, data_version, array_source_field, array_element_index)
);
comment on table core.equity_key_metrics is
    'One row per symbol, period and fiscal period end date per version: FMP key metrics.';
alter table core.equity_key_metrics cluster on equity_key_metrics_version_uq;
alter table core.equity_key_metrics owner to sra_transformer;

create table core.equity_financial_scores (
    -- key
    symbol text collate "C" not null,
    reported_currency text,
    -- scores
    altman_z_score numeric,
    piotroski_score integer,
    working_capital numeric,
    total_assets numeric,
    retained_earnings numeric,
    ebit numeric,
    market_cap numeric,
    total_liabilities numeric,
    revenue numeric,
    extra jsonb,
    -- versions and lineage (docs/ARCHITECTURE.md)
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    constraint equity_financial_scores_version_uq unique nulls not distinct
        (symbol, data_version, array_source_field, array_element_index)
);
comment on table core.equity_financial_scores is
    'One row per symbol per version: FMP financial scores (Altman Z, Piotroski).';
alter table core.equity_financial_scores cluster on equity_financial_scores_version_uq;
alter table core.equity_financial_scores owner to sra_transformer;

create table core.equity_income_growth (
    -- keys
    symbol text collate "C" not null,
    period text collate "C" not null,
    date date not null,
    fiscal_year integer,
    reported_currency text,
    -- growth
    growth_revenue numeric,
    growth_cost_of_revenue numeric,
    growth_gross_profit numeric,
    growth_gross_profit_ratio numeric,
    growth_research_and_development_expenses numeric,
    growth_general_and_administrative_expenses numeric,
    growth_selling_and_marketing_expenses numeric,
    growth_other_expenses numeric,
    growth_operating_expenses numeric,
    growth_cost_and_expenses numeric,
    growth_interest_income numeric,
    growth_interest_expense numeric,
    growth_net_interest_income numeric,
    growth_depreciation_and_amortization numeric,
    growth_ebitda numeric,
    growth_ebitda_ratio numeric,
    growth_ebit numeric,
    growth_operating_income numeric,
    growth_operating_income_ratio numeric,
    growth_non_operating_income_excluding_interest numeric,
    growth_total_other_income_expenses_net numeric,
    growth_income_before_tax numeric,
    growth_income_before_tax_ratio numeric,
    growth_income_tax_expense numeric,
    growth_net_income_from_continuing_operations numeric,
    growth_net_income_deductions numeric,
    growth_other_adjustments_to_net_income numeric,
    growth_net_income numeric,
    growth_net_income_ratio numeric,
    growth_bottom_line_net_income numeric,
    growth_eps numeric,
    growth_eps_diluted numeric,
    growth_weighted_average_shs_out numeric,
    growth_weighted_average_shs_out_dil numeric,
    extra jsonb,
    -- versions and lineage (docs/ARCHITECTURE.md)
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    constraint equity_income_growth_version_uq unique nulls not distinct
        (symbol, period, date, data_version, array_source_field, array_element_index)
);
comment on table core.equity_income_growth is
    'One row per symbol, period and fiscal period end date per version: FMP income statement growth.';
alter table core.equity_income_growth cluster on equity_income_growth_version_uq;
alter table core.equity_income_growth owner to sra_transformer;

create table core.equity_balance_growth (
    -- keys
    symbol text collate "C" not null,
    period text collate "C" not null,
    date date not null,
    fiscal_year integer,
    reported_currency text,
    -- growth (legacy key misspelled "Deferrred")
    growth_cash_and_cash_equivalents numeric,
    growth_short_term_investments numeric,
    growth_cash_and_short_term_investments numeric,
    growth_net_receivables numeric,
    growth_accounts_receivables numeric,
    growth_other_receivables numeric,
    growth_inventory numeric,
    growth_prepaids numeric,
    growth_other_current_assets numeric,
    growth_total_current_assets numeric,
    growth_property_plant_equipment_net numeric,
    growth_goodwill numeric,
    growth_intangible_assets numeric,
    growth_goodwill_and_intangible_assets numeric,
    growth_long_term_investments numeric,
    growth_tax_assets numeric,
    growth_other_non_current_assets numeric,
    growth_total_non_current_assets numeric,
    growth_other_assets numeric,
    growth_total_assets numeric,
    growth_account_payables numeric,
    growth_total_payables numeric,
    growth_other_payables numeric,
    growth_accrued_expenses numeric,
    growth_short_term_debt numeric,
    growth_capital_lease_obligations_current numeric,
    growth_tax_payables numeric,
    growth_deferred_revenue numeric,
    growth_other_current_liabilities numeric,
    growth_total_current_liabilities numeric,
    growth_long_term_debt numeric,
    growth_capital_lease_obligations_non_current numeric,
    growth_deferred_revenue_non_current numeric,
    growth_deferred_tax_liabilities_non_current numeric,
    growth_other_non_current_liabilities numeric,
    growth_total_non_current_liabilities numeric,
    growth_other_liabilities numeric,
    growth_total_liabilities numeric,
    growth_treasury_stock numeric,
    growth_preferred_stock numeric,
    growth_common_stock numeric,
    growth_retained_earnings numeric,
    growth_additional_paid_in_capital numeric,
    growth_accumulated_other_comprehensive_income_loss numeric,
    growth_other_total_stockholders_equity numeric,
    growth_total_stockholders_equity numeric,
    growth_minority_interest numeric,
    growth_total_equity numeric,
    growth_total_liabilities_and_stockholders_equity numeric,
    growth_total_liabilities_and_total_equity numeric,
    growth_total_investments numeric,
    growth_total_debt numeric,
    growth_net_debt numeric,
    extra jsonb,
    -- versions and lineage (docs/ARCHITECTURE.md)
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    constraint equity_balance_growth_version_uq unique nulls not distinct
        (symbol, period, date, data_version, array_source_field, array_element_index)
);
comment on table core.equity_balance_growth is
    'One row per symbol, period and fiscal period end date per version: FMP balance sheet growth.';
alter table core.equity_balance_growth cluster on equity_balance_growth_version_uq;
alter table core.equity_balance_growth owner to sra_transformer;

create table core.equity_cashflow_growth (
    -- keys
    symbol text collate "C" not null,
    period text collate "C" not null,
    date date not null,
    fiscal_year integer,
    reported_currency text,
    -- growth (legacy keys misspelled "Activites")
    growth_net_income numeric,
    growth_depreciation_and_amortization numeric,
    growth_deferred_income_tax numeric,
    growth_stock_based_compensation numeric,
    growth_change_in_working_capital numeric,
    growth_accounts_receivables numeric,
    growth_inventory numeric,
    growth_accounts_payables numeric,
    growth_other_working_capital numeric,
    growth_other_non_cash_items numeric,
    growth_net_cash_provided_by_operating_activities numeric,
    growth_investments_in_property_plant_and_equipment numeric,
    growth_acquisitions_net numeric,
    growth_purchases_of_investments numeric,
    growth_sales_maturities_of_investments numeric,
    growth_other_investing_activities numeric,
    growth_net_cash_provided_by_investing_activities numeric,
    growth_debt_repayment numeric,
    growth_net_debt_issuance numeric,
    growth_long_term_net_debt_issuance numeric,
    growth_short_term_net_debt_issuance numeric,
    growth_net_stock_issuance numeric,
    growth_common_stock_issuance numeric,
    growth_common_stock_repurchased numeric,
    growth_net_dividends_paid numeric,
    growth_common_dividends_paid numeric,
    growth_preferred_dividends_paid numeric,
    growth_other_financing_activities numeric,
    growth_net_cash_provided_by_financing_activities numeric,
    growth_effect_of_forex_changes_on_cash numeric,
    growth_net_change_in_cash numeric,
    growth_cash_at_end_of_period numeric,
    growth_cash_at_beginning_of_period numeric,
    growth_operating_cash_flow numeric,
    growth_capital_expenditure numeric,
    growth_free_cash_flow numeric,
    growth_income_taxes_paid numeric,
    growth_interest_paid numeric,
    extra jsonb,
    -- versions and lineage (docs/ARCHITECTURE.md)
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    constraint equity_cashflow_growth_version_uq unique nulls not distinct
        (symbol, period, date, data_version, array_source_field, array_element_index)
);
comment on table core.equity_cashflow_growth is
    'One row per symbol, period and fiscal period end date per version: FMP cash-flow statement growth.';
alter table core.equity_cashflow_growth cluster on equity_cashflow_growth_version_uq;
alter table core.equity_cashflow_growth owner to sra_transformer;

create table core.equity_financial_growth (
    -- keys
    symbol text collate "C" not null,
    period text collate "C" not null,
    date date not null,
    fiscal_year integer,
    reported_currency text,
    -- growth
    revenue_growth numeric,
    gross_profit_growth numeric,
    ebit_growth numeric,
    ebitda_growth numeric,
    operating_income_growth numeric,
    net_income_growth numeric,
    eps_growth numeric,
    eps_diluted_growth numeric,
    weighted_average_shares_growth numeric,
    weighted_average_shares_diluted_growth numeric,
    dividends_per_share_growth numeric,
    operating_cash_flow_growth numeric,
    free_cash_flow_growth numeric,
    receivables_growth numeric,
    inventory_growth numeric,
    asset_growth numeric,
    book_value_per_share_growth numeric,
    debt_growth numeric,
    rd_expense_growth numeric,
    sga_expenses_growth numeric,
    growth_capital_expenditure numeric,
    -- per-share growth over 10, 5 and 3 years
    ten_y_revenue_growth_per_share numeric,
    five_y_revenue_growth_per_share numeric,
    three_y_revenue_growth_per_share numeric,
    ten_y_operating_cf_growth_per_share numeric,
    five_y_operating_cf_growth_per_share numeric,
    three_y_operating_cf_growth_per_share numeric,
    ten_y_net_income_growth_per_share numeric,
    five_y_net_income_growth_per_share numeric,
    three_y_net_income_growth_per_share numeric,
    ten_y_shareholders_equity_growth_per_share numeric,
    five_y_shareholders_equity_growth_per_share numeric,
    three_y_shareholders_equity_growth_per_share numeric,
    ten_y_dividend_per_share_growth_per_share numeric,
    five_y_dividend_per_share_growth_per_share numeric,
    three_y_dividend_per_share_growth_per_share numeric,
    ten_y_bottom_line_net_income_growth_per_share numeric,
    five_y_bottom_line_net_income_growth_per_share numeric,
    three_y_bottom_line_net_income_growth_per_share numeric,
    extra jsonb,
    -- versions and lineage (docs/ARCHITECTURE.md)
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    constraint equity_financial_growth_version_uq unique nulls not distinct
        (symbol, period, date, data_version, array_source_field, array_element_index)
);
comment on table core.equity_financial_growth is
    'One row per symbol, period and fiscal period end date per version: FMP financial growth.';
alter table core.equity_financial_growth cluster on equity_financial_growth_version_uq;
alter table core.equity_financial_growth owner to sra_transformer;

create table core.equity_peers (
    -- key
    symbol text collate "C" not null,
    -- versions and lineage (docs/ARCHITECTURE.md)
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    constraint equity_peers_version_uq unique nulls not distinct
        (symbol, data_version, array_source_field, array_element_index)
);
comment on table core.equity_peers is
    'One row per symbol per version per peer (array columns): FMP stock peers; legacy peersList symbols or stable peer objects.';
alter table core.equity_peers cluster on equity_peers_version_uq;
alter table core.equity_peers owner to sra_transformer;

create table core.etfs_profile (
    -- key
    symbol text collate "C" not null,
    -- fund
    name text,
    description text,
    isin text,
    cusip text,
    asset_class text,
    domicile text,
    website text,
    etf_company text,
    inception_date date,
    nav_currency text,
    info_updated_at timestamptz,
    -- figures
    expense_ratio numeric,
    assets_under_management numeric,
    nav numeric,
    avg_volume bigint,
    holdings_count integer,
    extra jsonb,
    -- versions and lineage (docs/ARCHITECTURE.md)
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    constraint etfs_profile_version_uq unique nulls not distinct
        (symbol, data_version, array_source_field, array_element_index)
);
comment on table core.etfs_profile is
    'One row per ETF symbol per version per sectorsList element (array columns): FMP ETF information.';
alter table core.etfs_profile cluster on etfs_profile_version_uq;
alter table core.etfs_profile owner to sra_transformer;

create table core.etfs_quotes (
    -- keys
    symbol text collate "C" not null,
    date date not null,
    -- prices
    open numeric,
    high numeric,
    low numeric,
    close numeric,
    adj_close numeric,
    volume bigint,
    unadjusted_volume bigint,
    change numeric,
    change_percent numeric,
    vwap numeric,
    -- versions and lineage (docs/ARCHITECTURE.md)
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    constraint etfs_quotes_version_uq unique nulls not distinct
        (symbol, date, data_version, array_source_field, array_element_index)
);
comment on table core.etfs_quotes is
    'One row per ETF symbol per trading date per version: FMP daily ETF prices (fmp.etf_price).';
alter table core.etfs_quotes cluster on etfs_quotes_version_uq;
alter table core.etfs_quotes owner to sra_transformer;

create table core.etfs_holdings (
    -- keys: the ETF (the request's symbol) and the holding
    symbol text collate "C" not null,
    -- holding
    asset text,
    name text,
    isin text,
    cusip text,
    shares_number numeric,
    weight_percentage numeric,
    market_value numeric,
    holding_updated_at timestamptz,
    -- SEC N-PORT detail (legacy v4 rows)
    report_date date,
    cik text,
    acceptance_time timestamptz,
    lei text,
    title text,
    units text,
    currency text,
    payoff_profile text,
    asset_category text,
    issuer_category text,
    investment_country text,
    is_restricted_security boolean,
    fair_value_level text,
    holding_key text collate "C" not null,
    is_listed boolean not null default true,
    -- versions and lineage (docs/ARCHITECTURE.md)
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    constraint etfs_holdings_version_uq unique nulls not distinct
        (symbol, holding_key, data_version, array_source_field, array_element_index)
);
comment on table core.etfs_holdings is
    'One row per ETF symbol and holding per version; is_listed false marks a holding a later response no longer lists.';
alter table core.etfs_holdings cluster on etfs_holdings_version_uq;
alter table core.etfs_holdings owner to sra_transformer;

create table core.etfs_country_weightings (
    -- keys
    symbol text collate "C" not null,
    country text collate "C" not null,
    -- weight
    weight_percentage numeric,
    is_listed boolean not null default true,
    -- versions and lineage (docs/ARCHITECTURE.md)
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    constraint etfs_country_weightings_version_uq unique nulls not distinct
        (symbol, country, data_version, array_source_field, array_element_index)
);
comment on table core.etfs_country_weightings is
    'One row per ETF symbol and country per version; is_listed false marks a country a later response no longer lists.';
alter table core.etfs_country_weightings cluster on etfs_country_weightings_version_uq;
alter table core.etfs_country_weightings owner to sra_transformer;

create table core.etfs_peers (
    -- key
    symbol text collate "C" not null,
    -- versions and lineage (docs/ARCHITECTURE.md)
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    constraint etfs_peers_version_uq unique nulls not distinct
        (symbol, data_version, array_source_field, array_element_index)
);
comment on table core.etfs_peers is
    'One row per ETF symbol per version per peer (array columns): FMP peers of ETF symbols.';
alter table core.etfs_peers cluster on etfs_peers_version_uq;
alter table core.etfs_peers owner to sra_transformer;

create table core.market_and_sector_quotes (
    -- keys (date: the row's own, else the quote time's New York trading day)
    symbol text collate "C" not null,
    date date not null,
    -- quote
    name text,
    exchange text,
    price numeric,
    change numeric,
    change_percent numeric,
    open numeric,
    previous_close numeric,
    day_low numeric,
    day_high numeric,
    year_low numeric,
    year_high numeric,
    price_avg_50 numeric,
    price_avg_200 numeric,
    volume bigint,
    avg_volume bigint,
    market_cap numeric,
    eps numeric,
    pe numeric,
    shares_outstanding bigint,
    earnings_announcement timestamptz,
    quote_at timestamptz,
    -- versions and lineage (docs/ARCHITECTURE.md)
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    constraint market_and_sector_quotes_version_uq unique nulls not distinct
        (symbol, date, data_version, array_source_field, array_element_index)
);
comment on table core.market_and_sector_quotes is
    'One row per index or sector symbol per New York trading date per version: FMP quotes (fmp.market_quote).';
alter table core.market_and_sector_quotes cluster on market_and_sector_quotes_version_uq;
alter table core.market_and_sector_quotes owner to sra_transformer;

create table core.treasury (
    -- key
    date date not null,
    -- yields, percent
    month1 numeric,
    month2 numeric,
    month3 numeric,
    month6 numeric,
    year1 numeric,
    year2 numeric,
    year3 numeric,
    year5 numeric,
    year7 numeric,
    year10 numeric,
    year20 numeric,
    year30 numeric,
    -- versions and lineage (docs/ARCHITECTURE.md)
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    constraint treasury_version_uq unique nulls not distinct
        (date, data_version, array_source_field, array_element_index)
);
comment on table core.treasury is
    'One row per date per version: FMP US treasury yield curve, in percent.';
alter table core.treasury cluster on treasury_version_uq;
alter table core.treasury owner to sra_transformer;

-- Holdings by holding across ETFs ("which ETFs hold AAPL"), latest versions.
create index etfs_holdings_asset_idx on core.etfs_holdings (asset) where asset is not null;
