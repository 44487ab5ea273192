// The supervisor's SLA report and the admin screens (catalogue, staff, partners).
import { graphql } from "./gql";

export const VIEWER_ROLE = graphql(`
  query ViewerRole {
    viewer { __typename ... on Staff { id role } }
  }
`);

export const SLA_REPORT = graphql(`
  query SlaReport($from: DateTime!, $to: DateTime!) {
    departments(includeInactive: true) { id name nameEs }
    slaReport(from: $from, to: $to) {
      csvUrl
      rows {
        impact tickets
        supportLevel { id name }
        department { id name nameEs }
        assignee { id name }
        firstResponses { tickets met breached running medianBusinessSeconds }
        resolutions { tickets met breached running medianBusinessSeconds }
      }
    }
  }
`);

export const ADMIN_CATALOGUE = graphql(`
  query AdminCatalogue {
    departments(includeInactive: true) { id code name nameEs isActive }
    categories(includeInactive: true) { id code name nameEs defaultImpact isActive department { id } }
    supportLevels(includeInactive: true) { id code name description rank isActive }
  }
`);

export const SAVE_DEPARTMENT = graphql(`
  mutation SaveDepartment($departmentId: ID, $code: String, $name: String!, $nameEs: String!) {
    saveDepartment(departmentId: $departmentId, code: $code, name: $name, nameEs: $nameEs) {
      __typename
      ... on DepartmentSuccess { department { id code name nameEs isActive } }
      ... on UserError { code message field }
    }
  }
`);

export const SET_DEPARTMENT_ACTIVE = graphql(`
  mutation SetDepartmentActive($departmentId: ID!, $isActive: Boolean!) {
    setDepartmentActive(departmentId: $departmentId, isActive: $isActive) {
      __typename
      ... on SetDepartmentActiveSuccess { department { id isActive } }
      ... on UserError { code message field }
    }
  }
`);

export const SAVE_CATEGORY = graphql(`
  mutation SaveCategory($input: CategoryInput!) {
    saveCategory(input: $input) {
      __typename
      ... on CategorySuccess { category { id code name nameEs defaultImpact isActive department { id } } }
      ... on UserError { code message field }
    }
  }
`);

export const SET_CATEGORY_ACTIVE = graphql(`
  mutation SetCategoryActive($categoryId: ID!, $isActive: Boolean!) {
    setCategoryActive(categoryId: $categoryId, isActive: $isActive) {
      __typename
      ... on SetCategoryActiveSuccess { category { id isActive } }
      ... on UserError { code message field }
    }
  }
`);

export const UPDATE_SUPPORT_LEVEL = graphql(`
  mutation UpdateSupportLevel($input: UpdateSupportLevelInput!) {
    updateSupportLevel(input: $input) {
      __typename
      ... on SupportLevelSuccess { supportLevel { id name description } }
      ... on UserError { code message field }
    }
  }
`);

export const SET_SUPPORT_LEVEL_ACTIVE = graphql(`
  mutation SetSupportLevelActive($supportLevelId: ID!, $isActive: Boolean!) {
    setSupportLevelActive(supportLevelId: $supportLevelId, isActive: $isActive) {
      __typename
      ... on SetSupportLevelActiveSuccess { supportLevel { id isActive } }
      ... on UserError { code message field }
    }
  }
`);

export const ADMIN_STAFF = graphql(`
  query AdminStaff {
    departments(includeInactive: true) { id name nameEs isActive }
    active: staff { id }
    everyone: staff(includeInactive: true) { id name email role departments { id } }
  }
`);

export const CREATE_STAFF = graphql(`
  mutation CreateStaff($input: CreateStaffInput!) {
    createStaff(input: $input) {
      __typename
      ... on StaffSuccess { staff { id name email role departments { id } } }
      ... on UserError { code message field }
    }
  }
`);

export const UPDATE_STAFF = graphql(`
  mutation UpdateStaff($input: UpdateStaffInput!) {
    updateStaff(input: $input) {
      __typename
      ... on StaffSuccess { staff { id name email role departments { id } } }
      ... on UserError { code message field }
    }
  }
`);

export const ADMIN_PARTNERS = graphql(`
  query AdminPartners {
    partners {
      id name isActive createdAt
      keys { id name prefix scopes requestsPerMinute createdAt revokedAt }
    }
  }
`);

export const CREATE_PARTNER = graphql(`
  mutation CreatePartner($name: String!) {
    createPartner(name: $name) {
      __typename
      ... on CreatePartnerSuccess { partnerId name }
      ... on UserError { code message field }
    }
  }
`);

export const CREATE_PARTNER_KEY = graphql(`
  mutation CreatePartnerKey($input: CreatePartnerKeyInput!) {
    createPartnerKey(input: $input) {
      __typename
      ... on CreatePartnerKeySuccess { key apiKey { id name prefix scopes requestsPerMinute createdAt revokedAt } }
      ... on UserError { code message field }
    }
  }
`);

export const REVOKE_PARTNER_KEY = graphql(`
  mutation RevokePartnerKey($keyId: ID!) {
    revokePartnerKey(keyId: $keyId) {
      __typename
      ... on RevokePartnerKeySuccess { apiKey { id revokedAt } }
      ... on UserError { code message field }
    }
  }
`);

export const ADMIN_CUSTOMERS = graphql(`
  query AdminCustomers($search: String) {
    customers(search: $search, first: 10) {
      totalCount
      edges { node { id clientNumber name services { id name isActive supportLevel { id name } } } }
    }
  }
`);

export const ADD_SERVICE = graphql(`
  mutation AddService($input: AddServiceInput!) {
    addService(input: $input) {
      __typename
      ... on ServiceSuccess { service { id name isActive supportLevel { id name } } }
      ... on UserError { code message field }
    }
  }
`);

export const UPDATE_SERVICE = graphql(`
  mutation UpdateService($input: UpdateServiceInput!) {
    updateService(input: $input) {
      __typename
      ... on ServiceSuccess { service { id name isActive supportLevel { id name } } }
      ... on UserError { code message field }
    }
  }
`);
