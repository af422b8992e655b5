export default function Page() {
  return <h1>checkin</h1>;
}
